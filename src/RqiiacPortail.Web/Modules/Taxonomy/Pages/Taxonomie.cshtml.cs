using RqiiacPortail.Web.Infrastructure.Web;
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
/// Administrators add, rename, reorder and remove terms. A term keeps its id and slug when renamed, so what was
/// tagged with it (and search filters on its slug) stays tagged; a term that content still uses is not removed.
/// </summary>
[Authorize]
public sealed class TaxonomieModel(ITaxonomy taxonomy, IAuthorizationService authorization, PortalDbContext db, IEnumerable<ITermUsage> usages) : PageModel
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
        this.Say("Terme ajouté.");
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
        this.Say("Terme renommé.");
        return LocalRedirect($"{Request.PathBase}/admin/taxonomie");
    }

    public async Task<IActionResult> OnPostSupprimerAsync(int term, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        var target = await db.Set<Term>().FirstOrDefaultAsync(t => t.Id == term, ct);
        if (target is null) return NotFound();
        var uses = new List<string>();
        foreach (var usage in usages)
            if (await usage.CountAsync(target.Id, ct) is var count and > 0) uses.Add($"{usage.Label} : {count}");
        if (uses.Count > 0)
        {
            ModelState.AddModelError(string.Empty, $"« {target.Name} » décrit encore des contenus ({string.Join(", ", uses)}) : renommez-le plutôt, ou retirez-le d'abord de ces contenus.");
            return await ShowAsync(ct);
        }
        db.Remove(target);
        await db.SaveChangesAsync(ct);
        this.Say("Terme retiré du vocabulaire.");
        return LocalRedirect($"{Request.PathBase}/admin/taxonomie");
    }

    /// <summary>Moves a term one place up (<paramref name="sens"/> « haut ») or down in its vocabulary.</summary>
    public async Task<IActionResult> OnPostDeplacerAsync(int term, string? sens, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        var target = await db.Set<Term>().FirstOrDefaultAsync(t => t.Id == term, ct);
        if (target is null) return NotFound();
        if (sens is not ("haut" or "bas")) return BadRequest();
        // Renumbered from the current order, so that equal or missing numbers from old recipes sort themselves out.
        var siblings = await db.Set<Term>().Where(t => t.VocabularyId == target.VocabularyId).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var at = siblings.IndexOf(target);
        var to = sens == "haut" ? at - 1 : at + 1;
        if (to >= 0 && to < siblings.Count) (siblings[at], siblings[to]) = (siblings[to], siblings[at]);
        for (var i = 0; i < siblings.Count; i++) siblings[i].Order = i;
        await db.SaveChangesAsync(ct);
        return LocalRedirect($"{Request.PathBase}/admin/taxonomie#terme-{target.Id}");
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
