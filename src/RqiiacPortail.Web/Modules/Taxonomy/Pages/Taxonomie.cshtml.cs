using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Taxonomy.Pages;

[Authorize]
public sealed class TaxonomieModel(ITaxonomy taxonomy, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<VocabularyInfo> Vocabularies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, TaxonomyModule.Manage)) return Forbid();
        Vocabularies = await taxonomy.GetAllAsync(ct);
        return Page();
    }
}
