using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Notifications.Pages;

/// <summary>Opening a notification marks it read and goes where it points (links in lists and e-mails come here).</summary>
[Authorize]
public sealed class OuvrirModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var notification = await db.Set<Notification>().FirstOrDefaultAsync(n => n.Id == id && n.UserId == userId, ct);
        if (notification is null) return NotFound();
        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return LocalRedirect(Url.IsLocalUrl(notification.Link) ? notification.Link : "/notifications");
    }
}
