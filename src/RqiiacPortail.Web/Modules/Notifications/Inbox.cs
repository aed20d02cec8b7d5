using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>A member's own notifications: the list, reading one or all. Someone else's id simply matches nothing.</summary>
public sealed class Inbox(PortalDbContext db, TimeProvider clock, ContentGenerations generations)
{
    public async Task<IReadOnlyList<Notification>> LatestAsync(string userId, int take, CancellationToken ct) =>
        await db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);

    public async Task MarkReadAsync(string userId, long id, CancellationToken ct)
    {
        if (await db.Set<Notification>().Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct) > 0) await BellMovedAsync(userId);
    }

    public async Task MarkAllReadAsync(string userId, CancellationToken ct)
    {
        if (await db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct) > 0) await BellMovedAsync(userId);
    }

    // An update the change tracker does not see, committed by itself: the member's count is made again now.
    private Task BellMovedAsync(string userId) => generations.BumpAsync([CacheArea.PersonalKey(NotificationCounter.Area, userId)]);

    /// <summary>Marks it read and returns where it points, or null when it is not this member's.</summary>
    public async Task<string?> OpenAsync(string userId, long id, CancellationToken ct)
    {
        var link = await db.Set<Notification>().Where(n => n.Id == id && n.UserId == userId).Select(n => n.Link).FirstOrDefaultAsync(ct);
        if (link is not null) await MarkReadAsync(userId, id, ct);
        return link;
    }
}
