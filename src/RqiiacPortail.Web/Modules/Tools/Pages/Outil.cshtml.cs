using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools.Pages;

[SectionFeature(ToolsModule.Feature)]
[EnableRateLimiting(WebModule.PostingPolicy)]
[RequestSizeLimit(ToolsModule.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ToolsModule.MaxRequestBytes)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPagePolicy.Name)]
[Infrastructure.Caching.KeptForReaders(Vary = ToolPagesVary.OneTool)]
public sealed class OutilModel(ToolService tools, ToolCatalog published, ToolAccess access, ISectionContext section, ISectionCatalog catalog,
    ITaxonomy taxonomy, FileIntake intake) : PageModel
{
    public Tool? Tool { get; private set; }
    public IHtmlContent Summary { get; private set; } = HtmlString.Empty;
    public string SectionName { get; private set; } = "";

    /// <summary>The tool is read inside a region's pages (the header is that region's): the page says so, with the way back to the network's.</summary>
    public bool InRegion => !section.Current.IsNational;
    public bool CanEdit { get; private set; }
    /// <summary>The terms describing the tool, by vocabulary, each with the library's filter it links to.</summary>
    public IReadOnlyList<(string Vocabulary, IReadOnlyList<(string Name, string Filter)> Terms)> Described { get; private set; } = [];
    public IReadOnlyList<Tool> Related { get; private set; } = [];

    /// <summary>Bound only for its validation message.</summary>
    public string? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(string cle, CancellationToken ct)
    {
        var id = IdSlugConstraint.Id(cle);
        // Reading a published tool needs no query: the catalog holds it, links and files included.
        if (await LoadAsync(id, ct, (await published.PublishedAsync(ct)).Find(id)) is { } refused) return refused;
        // One address per tool: under another section's prefix, go to its own.
        var home = await catalog.FindAsync(Tool!.SectionId, ct);
        if (!section.Current.IsNational && section.Current.Id != Tool.SectionId && home is not null)
            return RedirectPermanent($"{home.PathPrefix}/outils/{cle}");
        await DescribeAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostNouvelleVersionAsync(string cle, Guid? remplace, IFormFile? fichier, CancellationToken ct)
    {
        var id = IdSlugConstraint.Id(cle);
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!CanEdit) return Forbid();
        if (remplace is { } slot && !Tool!.Files.Any(f => f.Slot == slot)) ModelState.AddModelError(nameof(Upload), "Choisissez un fichier de la liste.");
        var (incoming, error) = tools.CheckUpload(fichier, intake, "Choisissez un fichier à téléverser.", ct);
        if (error is not null) ModelState.AddModelError(nameof(Upload), error);
        else if (await tools.TooManyAwaitingAsync(Tool!.CreatedById, 1, ct) is { } waiting) ModelState.AddModelError(nameof(Upload), waiting);
        if (!ModelState.IsValid)
        {
            await DescribeAsync(ct);
            return Page();
        }

        // A file is analysed after the request; it waits on the verification page, which follows the analysis.
        if (await tools.AddFilesAsync(Tool!, [incoming!], remplace, ct))
        {
            this.Say("Fichier reçu : son analyse est en cours.");
            return LocalRedirect($"{Request.PathBase}/outils/{id}/verification");
        }
        this.Say(remplace is null ? "Fichier ajouté à l'outil." : "Nouvelle version ajoutée : la précédente reste disponible.");
        return LocalRedirect($"{Request.PathBase}/outils/{cle}");
    }

    public async Task<IActionResult> OnPostRetirerAsync(string cle, CancellationToken ct)
    {
        var id = IdSlugConstraint.Id(cle);
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!CanEdit) return Forbid();
        await tools.WithdrawAsync(Tool!, ct);
        this.Say($"Outil « {Tool!.Title} » retiré.");
        return LocalRedirect($"{Request.PathBase}/outils");
    }

    public int KeepUnpublishedDays => tools.KeepUnpublishedDays;

    public static string KindLabel(string kind) => FileInspector.Accepted.FirstOrDefault(k => k.Key == kind)?.Label ?? kind;

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} o",
        < 1024 * 1024 => $"{bytes / 1024.0:0} Ko".Replace('.', ','),
        _ => (bytes / 1024.0 / 1024.0).ToString("0.0", FrenchText.Culture) + " Mo",
    };

    /// <param name="shared">The catalog's copy, to read only (the actions load the tool itself to change it).</param>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct, Tool? shared = null)
    {
        Tool = shared ?? await tools.FindAsync(id, ct);
        // What the reader may not see does not exist for them: 404 rather than 403 tells nothing. Only a tool
        // that signing in could open (for members) asks a visitor to sign in; a draft or a withdrawn tool is 404.
        if (Tool is null || !await access.CanViewAsync(User, Tool))
            return User.Identity?.IsAuthenticated == true || Tool is null || Tool.Status != ToolStatus.Published ? NotFound() : Challenge();
        CanEdit = await access.CanEditAsync(User, Tool);
        return null;
    }

    private async Task DescribeAsync(CancellationToken ct)
    {
        var tool = Tool!;
        Summary = (await published.PublishedAsync(ct)).SummaryOf(tool);
        SectionName = (await catalog.FindAsync(tool.SectionId, ct))?.Name ?? "";
        var chosen = tool.Terms.Select(t => t.TermId).ToHashSet();
        Described = (await taxonomy.GetAllAsync(ct)).Where(v => ToolsModule.DescribingVocabularies.Contains(v.Key))
            .Select(v => (v.Name, (IReadOnlyList<(string, string)>)v.Terms.Where(t => chosen.Contains(t.Id))
                .Select(t => (t.Name, $"{ToolSearchSource.FacetKey(v.Key)}={Uri.EscapeDataString(t.Slug)}")).ToList()))
            .Where(x => x.Item2.Count > 0).ToList();

        // Tools sharing an approach or a field of practice, that this reader may open.
        Related = await tools.RelatedAsync(tool, await access.ReaderAsync(User), 5, ct);
    }
}
