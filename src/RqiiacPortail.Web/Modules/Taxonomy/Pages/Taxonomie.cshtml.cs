using RqiiacPortail.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Taxonomy.Pages;

/// <summary>
/// Administrators add, rename, reorder and remove terms. A term keeps its id and slug when renamed, so what was
/// tagged with it (and search filters on its slug) stays tagged; a term that content still uses is not removed.
/// </summary>
[Authorize]
public sealed class TaxonomieModel(ITaxonomy taxonomy, IAuthorizationService authorization, TermEditor terms) : PageModel
{
    public IReadOnlyList<VocabularyInfo> Vocabularies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        Vocabularies = await taxonomy.GetAllAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAjouterAsync(string? vocabulary, string? name, CancellationToken ct) =>
        ChangeAsync(() => terms.AddAsync(vocabulary, name, ct), "Terme ajouté.", ct);

    public Task<IActionResult> OnPostRenommerAsync(int term, string? name, CancellationToken ct) =>
        ChangeAsync(() => terms.RenameAsync(term, name, ct), "Terme renommé.", ct);

    public Task<IActionResult> OnPostSupprimerAsync(int term, CancellationToken ct) =>
        ChangeAsync(() => terms.RemoveAsync(term, ct), "Terme retiré du vocabulaire.", ct);

    /// <summary>Moves a term one place up (<paramref name="sens"/> « haut ») or down in its vocabulary.</summary>
    public async Task<IActionResult> OnPostDeplacerAsync(int term, string? sens, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        var moved = await terms.MoveAsync(term, sens, ct);
        if (!moved.Found) return NotFound();
        return moved.Refusal is null ? LocalRedirect($"{Request.PathBase}/admin/taxonomie#terme-{term}") : BadRequest();
    }

    private async Task<IActionResult> ChangeAsync(Func<Task<TermChange>> change, string done, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        var result = await change();
        if (!result.Found) return NotFound();
        if (result.Refusal is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            Vocabularies = await taxonomy.GetAllAsync(ct);
            return Page();
        }
        this.Say(done);
        return LocalRedirect($"{Request.PathBase}/admin/taxonomie");
    }
}
