using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Notifications.Pages;

[Authorize]
[Infrastructure.Caching.KeptForReaders(PersonalArea = NotificationCounter.Area)]
public sealed class IndexModel(Inbox inbox, Contracts.INotificationKinds kinds) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public string IconOf(string kind) => kinds.Find(kind)?.Icon ?? "bell";

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync(CancellationToken ct) => Items = await inbox.LatestAsync(UserId, PageSize, ct);

    public async Task<IActionResult> OnPostLireAsync(long notification, CancellationToken ct)
    {
        await inbox.MarkReadAsync(UserId, notification, ct);
        return LocalRedirect(Request.PathBase + "/notifications");
    }

    public async Task<IActionResult> OnPostToutLireAsync(CancellationToken ct)
    {
        await inbox.MarkAllReadAsync(UserId, ct);
        return LocalRedirect(Request.PathBase + "/notifications");
    }
}
