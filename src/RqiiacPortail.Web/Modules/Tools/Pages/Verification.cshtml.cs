using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools.Pages;

/// <summary>
/// The author sees what was found and where, then confirms it may go out, replaces the file in question (without
/// retyping the tool), or withdraws a draft. It serves a draft before its first publication and a published
/// tool one of whose added files is held for review. While the files' text is being read (after the upload,
/// outside the request) it says « analyse en cours » and, with script, reloads itself once the analysis is done.
/// </summary>
[Authorize]
[SectionFeature(ToolsModule.Feature)]
[EnableRateLimiting(WebModule.PostingPolicy)]
[RequestSizeLimit(ToolsModule.MaxRequestBytes)]
public sealed class VerificationModel(ToolService tools, ToolAccess access, FileIntake intake) : PageModel
{
    public Tool? Tool { get; private set; }
    public IReadOnlyList<PersonalInfoFinding> Findings { get; private set; } = [];

    /// <summary>Files whose analysis is still waiting or running.</summary>
    public IReadOnlyList<ToolFile> Analysing { get; private set; } = [];

    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>Where the replacement file's error is shown.</summary>
    public string? Replacement { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>What the page's script asks while the analysis runs: 202 until it is done, then 200.</summary>
    public async Task<IActionResult> OnGetAnalyseAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        return Analysing.Count > 0 ? StatusCode(StatusCodes.Status202Accepted) : Content("terminée");
    }

    public async Task<IActionResult> OnPostPublierAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Tool!.Status != ToolStatus.Draft && !Tool.HasHeldFiles) return LocalRedirect($"{Request.PathBase}/outils/{id}");
        if (Analysing.Count > 0)
        {
            ModelState.AddModelError(nameof(Confirmed), "L'analyse des fichiers n'est pas terminée : attendez-la pour publier.");
            return Page();
        }
        if ((Findings.Count > 0 || Unread.Any()) && !Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Cochez la confirmation, remplacez le fichier, ou retirez le brouillon pour corriger l'outil.");
            return Page();
        }
        var draft = Tool.Status == ToolStatus.Draft;
        if (draft) await tools.PublishAsync(Tool, ct);
        else await tools.ReleaseHeldFilesAsync(Tool, ct);
        this.Say(draft ? "Outil publié : il est maintenant dans la boîte à outils." : "Fichier publié avec l'outil.");
        return LocalRedirect($"{Request.PathBase}/outils/{id}");
    }

    /// <summary>A corrected file in place of a held one; the check runs on it again.</summary>
    public async Task<IActionResult> OnPostRemplacerAsync(int id, int fichierId, IFormFile? fichier, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var held = Tool!.Files.FirstOrDefault(f => f.Id == fichierId && f.HeldForReview);
        if (held is null) return NotFound();
        var (incoming, error) = tools.CheckUpload(fichier, intake, "Choisissez le fichier corrigé.", ct);
        if (error is not null) ModelState.AddModelError(nameof(Replacement), error);
        // The held file it replaces leaves the count as this one enters it.
        else if (await tools.TooManyAwaitingAsync(Tool.CreatedById, held.AnalyzedAt is null ? 0 : 1, ct) is { } waiting)
            ModelState.AddModelError(nameof(Replacement), waiting);
        if (!ModelState.IsValid) return Page();

        await tools.ReplaceHeldAsync(Tool, held, incoming!, ct);
        this.Say("Fichier remplacé : son analyse est en cours.");
        return LocalRedirect($"{Request.PathBase}/outils/{id}/verification");
    }

    public int KeepUnpublishedDays => tools.KeepUnpublishedDays;

    /// <summary>Held files whose text could not be read: replaced, or confirmed like a finding.</summary>
    public IEnumerable<ToolFile> Unread => Tool!.Files.Where(f => f.HeldForReview && f.AnalysisProblem is not null).OrderBy(f => f.Id);

    public async Task<IActionResult> OnPostRetirerAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        await tools.WithdrawAsync(Tool!, ct);
        this.Say("Brouillon retiré.");
        return LocalRedirect($"{Request.PathBase}/outils");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        Tool = await tools.FindAsync(id, ct);
        // Like the tool's own page: what the reader may not see does not exist for them.
        if (Tool is null || Tool.Status == ToolStatus.Withdrawn || !await access.CanViewAsync(User, Tool)) return NotFound();
        if (!await access.CanEditAsync(User, Tool)) return Forbid();
        Findings = await tools.FindingsAsync(Tool, ct);
        Analysing = Tool.Files.Where(f => f.AnalyzedAt is null).OrderBy(f => f.Id).ToList();
        return null;
    }
}
