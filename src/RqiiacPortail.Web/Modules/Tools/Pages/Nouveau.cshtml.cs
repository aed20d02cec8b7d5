using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools.Pages;

[Authorize(Policy = Policies.MembersOnly)]
[SectionFeature(ToolsModule.Feature)]
[EnableRateLimiting(WebModule.PostingPolicy)]
[RequestSizeLimit(ToolsModule.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ToolsModule.MaxRequestBytes)]
public sealed class NouveauModel(ToolService tools, ToolRules rules, ToolAccess access, ISectionContext section, ISectionCatalog catalog, ITaxonomy taxonomy, IOptions<ToolsOptions> options,
    FileIntake intake, IMemberDirectory members) : PageModel
{
    public static readonly IReadOnlyList<(ToolVisibility Value, string Label)> VisibilityChoices =
    [
        (ToolVisibility.Public, "Tout le monde (public)"),
        (ToolVisibility.Members, "Les membres du RQIIAC"),
        (ToolVisibility.SectionMembers, "Les membres de la section seulement"),
    ];

    public sealed class ToolInput
    {
        [Required(ErrorMessage = "Donnez un titre à l'outil.")]
        [StringLength(200, ErrorMessage = "Le titre compte au plus 200 caractères.")]
        [SingleLine]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Décrivez l'outil en quelques lignes.")]
        [StringLength(8000, ErrorMessage = "Le résumé compte au plus 8 000 caractères.")]
        [Markdown]
        public string Summary { get; set; } = "";

        public List<IFormFile> Files { get; set; } = [];

        [StringLength(4000, ErrorMessage = "La liste des liens compte au plus 4 000 caractères.")]
        public string? Links { get; set; }

        [Required(ErrorMessage = "Choisissez la section de l'outil.")]
        public int? SectionId { get; set; }

        public List<int> Terms { get; set; } = [];

        [Required(ErrorMessage = "Choisissez une licence.")]
        public string Licence { get; set; } = "cc-by-nc-sa-4.0";

        [StringLength(200, ErrorMessage = "Le nom compte au plus 200 caractères.")]
        [SingleLine]
        public string? Author { get; set; }

        [StringLength(200, ErrorMessage = "L'organisation compte au plus 200 caractères.")]
        [SingleLine]
        public string? Organisation { get; set; }

        public ToolVisibility Visibility { get; set; } = ToolVisibility.Members;

        /// <summary>When editing: the author confirms the personal information found in the new summary.</summary>
        public bool ConfirmPersonalInfo { get; set; }
    }

    /// <summary>The tool being edited, or null when sharing a new one.</summary>
    public Tool? Editing { get; private set; }
    public IReadOnlyList<RqiiacPortail.Web.Infrastructure.Text.PersonalInfoFinding> Findings { get; private set; } = [];

    [BindProperty] public ToolInput Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> SectionItems { get; private set; } = [];
    public IReadOnlyList<SelectListItem> LicenceItems { get; } = Licences.All.Select(l => new SelectListItem(l.Label, l.Key)).ToList();
    public IReadOnlyList<VocabularyInfo> Vocabularies { get; private set; } = [];
    public int MaxFileSizeMb => options.Value.MaxFileSizeMb;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (id is { } toolId && await EditingAsync(toolId, ct) is { } refused) return refused;
        await LoadAsync(ct);
        if (Editing is { } t)
        {
            Input = new ToolInput
            {
                Title = t.Title, Summary = t.Summary, SectionId = t.SectionId, Licence = t.Licence, Author = t.Author, Organisation = t.Organisation,
                Visibility = t.Visibility, Terms = t.Terms.Select(x => x.TermId).ToList(),
                Links = string.Join('\n', t.Links.Select(l => $"{l.Title} | {l.Url}")),
            };
        }
        else
        {
            // Shared from the national site, a tool starts in the member's own region (they may choose « National »).
            Input.SectionId = section.Current.IsNational ? await members.HomeSectionAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct) : section.Current.Id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (id is { } toolId && await EditingAsync(toolId, ct) is { } refused) return refused;
        await LoadAsync(ct);
        var draft = new ToolRules.Draft(Input.Title, Input.Summary, Input.SectionId, Input.Licence, Input.Author, Input.Organisation, Input.Visibility, Input.Links, Input.Terms);
        if (Editing is { } tool)
        {
            var (edited, editRefusals, findings) = await rules.CheckEditAsync(tool, draft, User, Input.ConfirmPersonalInfo, ct);
            Findings = findings;
            ModelState.AddRefusals(editRefusals, nameof(Input));
            if (!ModelState.IsValid) return Page();
            await tools.EditAsync(tool, edited!, ct);
            this.Say("Modifications enregistrées.");
            return LocalRedirect($"{await PrefixAsync(tool.SectionId, ct)}/outils/{tool.Id}");
        }

        var incoming = CheckFiles(Input.Files, ct);
        var (details, refusals) = await rules.CheckShareAsync(draft, User.FindFirstValue(ClaimTypes.NameIdentifier)!, Input.Files.Count, ct);
        ModelState.AddRefusals(refusals, nameof(Input));
        if (!ModelState.IsValid) return Page();

        var (shared, published) = await tools.ShareAsync(details!, User.FindFirstValue(ClaimTypes.NameIdentifier)!, incoming, ct);
        var prefix = await PrefixAsync(shared.SectionId, ct);
        if (published) this.Say("Outil publié : il est maintenant dans la boîte à outils.");
        else if (shared.IsBeingAnalysed) this.Say("Outil enregistré : ses fichiers sont en cours d'analyse, il sera publié ensuite si rien n'y est repéré.");
        return LocalRedirect(published ? $"{prefix}/outils/{shared.Id}" : $"{prefix}/outils/{shared.Id}/verification");
    }

    private async Task<string> PrefixAsync(int sectionId, CancellationToken ct) => (await catalog.FindAsync(sectionId, ct))?.PathPrefix ?? "";

    private async Task<IActionResult?> EditingAsync(int id, CancellationToken ct)
    {
        Editing = await tools.FindAsync(id, ct);
        if (Editing is null || Editing.Status == ToolStatus.Withdrawn) return NotFound();
        return await access.CanEditAsync(User, Editing) ? null : Forbid();
    }

    /// <summary>Checks every file before any is stored: one bad file stores nothing.</summary>
    private List<IncomingFile> CheckFiles(List<IFormFile> files, CancellationToken ct)
    {
        var accepted = new List<IncomingFile>();
        if (files.Count > options.Value.MaxFilesPerUpload)
            ModelState.AddModelError("Input.Files", $"Joignez au plus {options.Value.MaxFilesPerUpload} fichiers à la fois.");
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.FileName);
            if (file.Length == 0) { ModelState.AddModelError("Input.Files", $"« {name} » est vide."); continue; }
            if (file.Length > options.Value.MaxFileSize)
            {
                ModelState.AddModelError("Input.Files", $"« {name} » dépasse la taille permise ({options.Value.MaxFileSizeMb} Mo).");
                continue;
            }
            var (checkedFile, error) = intake.Check(name, file.OpenReadStream(), ct);
            if (checkedFile is null) ModelState.AddModelError("Input.Files", error!);
            else accepted.Add(checkedFile);
        }
        return accepted;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        SectionItems = (await catalog.GetAllAsync(ct)).Where(s => s.IsActive)
            .Select(s => new SelectListItem(s.IsNational ? "National" : s.Name, s.Id.ToString(CultureInfo.InvariantCulture))).ToList();
        Vocabularies = (await taxonomy.GetAllAsync(ct)).Where(v => ToolsModule.DescribingVocabularies.Contains(v.Key)).ToList();
    }

}
