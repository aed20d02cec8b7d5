using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Modules.Search.Pages.Admin;

/// <summary>
/// The state of this instance's index, and a rebuild for every instance (after a change of analysis, a restored
/// database, or results that look wrong). Each instance rebuilds on its own at its next poll.
/// </summary>
[Authorize]
public sealed class IndexModel(SearchIndexer indexer, IAuthorizationService authorization) : PageModel
{
    public IndexStatus Status { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, SearchModule.Manage)) return Forbid();
        Status = await indexer.StatusAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReconstruireAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, SearchModule.Manage)) return Forbid();
        await indexer.RequestRebuildAsync(ct);
        return LocalRedirect($"{Request.PathBase}/admin/recherche");
    }
}
