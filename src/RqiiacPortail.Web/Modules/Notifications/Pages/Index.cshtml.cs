using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Notifications.Pages;

[Authorize]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await db.Set<Notification>().AsNoTracking().Where(n => n.UserId == UserId)
            .OrderByDescending(n => n.Id).Take(PageSize).ToListAsync(ct);

    public async Task<IActionResult> OnPostLireAsync(long notification, CancellationToken ct)
    {
        // Someone else's id simply matches nothing.
        await db.Set<Notification>().Where(n => n.Id == notification && n.UserId == UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct);
        return LocalRedirect(Request.PathBase + "/notifications");
    }

    public async Task<IActionResult> OnPostToutLireAsync(CancellationToken ct)
    {
        await db.Set<Notification>().Where(n => n.UserId == UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct);
        return LocalRedirect(Request.PathBase + "/notifications");
    }
}
