using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Taxonomy.Pages;

/// <summary>
/// Administrators add and rename terms. A term keeps its id and slug when renamed, so what was tagged with it
/// (and search filters on its slug) stays tagged. Terms are not deleted here: content may use them.
/// </summary>
[Authorize]
public sealed class TaxonomieModel(ITaxonomy taxonomy, IAuthorizationService authorization, PortalDbContext db) : PageModel
{
    public IReadOnlyList<VocabularyInfo> Vocabularies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        Vocabularies = await taxonomy.GetAllAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAjouterAsync(string? vocabulary, string? name, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        var target = await db.Set<Vocabulary>().Include(v => v.Terms).FirstOrDefaultAsync(v => v.Key == vocabulary, ct);
        var clean = Check(name);
        if (target is null) ModelState.AddModelError(string.Empty, "Ce vocabulaire n'existe pas.");
        else if (clean is not null && target.Terms.Any(t => t.Slug == Slug.From(clean)))
            ModelState.AddModelError(string.Empty, $"« {clean} » existe déjà dans « {target.Name} ».");
        if (!ModelState.IsValid) return await ShowAsync(ct);

        target!.Terms.Add(new Term { Name = clean!, Slug = Slug.From(clean!), Order = target.Terms.Count });
        await db.SaveChangesAsync(ct);
        return LocalRedirect($"{Request.PathBase}/admin/taxonomie");
    }

    public async Task<IActionResult> OnPostRenommerAsync(int term, string? name, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        var target = await db.Set<Term>().FirstOrDefaultAsync(t => t.Id == term, ct);
        var clean = Check(name);
        if (target is null) return NotFound();
        if (!ModelState.IsValid) return await ShowAsync(ct);

        target.Name = clean!;
        await db.SaveChangesAsync(ct);
        return LocalRedirect($"{Request.PathBase}/admin/taxonomie");
    }

    private string? Check(string? name)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0) ModelState.AddModelError(string.Empty, "Indiquez le nom du terme.");
        else if (clean.Length > 200) ModelState.AddModelError(string.Empty, "Le nom d'un terme compte au plus 200 caractères.");
        else if (Slug.From(clean).Length == 0) ModelState.AddModelError(string.Empty, "Le nom d'un terme doit contenir au moins une lettre ou un chiffre.");
        else return clean;
        return null;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Vocabularies = await taxonomy.GetAllAsync(ct);
        return Page();
    }
}
