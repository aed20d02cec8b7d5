using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Notifications.Pages;

/// <summary>Opening a notification marks it read and goes where it points (links in lists and e-mails come here).</summary>
[Authorize]
public sealed class OuvrirModel(Inbox inbox) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var link = await inbox.OpenAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, id, ct);
        if (link is null) return NotFound();
        return LocalRedirect(Url.IsLocalUrl(link) ? link : "/notifications");
    }
}
