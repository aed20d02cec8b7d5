using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>A new event of a section, saved as a draft: nobody else sees it until it is published.</summary>
[Authorize]
public sealed class NouveauModel(EventEditor editor, EventAccess access, ISectionCatalog catalog, ITaxonomy taxonomy) : PageModel
{
    [BindProperty] public EventInput Input { get; set; } = new();
    public SectionInfo Section { get; private set; } = null!;
    public IReadOnlyList<VocabularyInfo> Vocabularies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int section, CancellationToken ct)
    {
        if (await LoadAsync(section, ct) is { } refused) return refused;
        Input.WithBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int section, CancellationToken ct)
    {
        if (await LoadAsync(section, ct) is { } refused) return refused;
        if (ModelState.IsValid)
        {
            var (e, refusals) = await editor.SaveAsync(User, Section.Id, null, Input, Vocabularies.SelectMany(v => v.Terms).Select(t => t.Id).ToHashSet(), ct);
            if (e is not null)
            {
                this.Say("L'événement est enregistré comme brouillon. Publiez-le quand il est prêt.");
                return Redirect($"{Request.PathBase}/admin/evenements/{e.Id}");
            }
            ModelState.AddRefusals(refusals);
        }
        Input.WithBlankRows();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int section, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(User, ct);
        if (await catalog.FindAsync(section, ct) is not { } s) return NotFound();
        if (!viewer.CanOrganize(s.Id)) return Forbid();
        Section = s;
        Vocabularies = await taxonomy.GetAllAsync(ct);
        return null;
    }
}
