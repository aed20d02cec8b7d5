using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>The archive of « Inter Action Communautaire »: every published issue, by year, newest first.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPagePolicy.Name)]
[Infrastructure.Caching.KeptForReaders]
public sealed class IndexModel(BulletinArchive archive, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization) : PageModel
{
    /// <summary>The board's link to its desk (a signed-in page: never one the output cache keeps).</summary>
    public bool CanWrite { get; private set; }

    public IReadOnlyList<IGrouping<int, BulletinArchive.Entry>> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The network's bulletin, the same under every section's address (a section on a host of its own included).
        Years = (await archive.PublishedAsync(null, ct)).GroupBy(i => i.IssuedOn.Year).ToList();
        CanWrite = User.Identity?.IsAuthenticated == true && await Infrastructure.Security.AuthorizationServiceExtensions.CanAsync(authorization, User, BulletinPermissions.Publish);
        return Page();
    }
}
