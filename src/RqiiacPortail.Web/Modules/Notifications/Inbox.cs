using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>A member's own notifications: the list, reading one or all. Someone else's id simply matches nothing.</summary>
public sealed class Inbox(PortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<Notification>> LatestAsync(string userId, int take, CancellationToken ct) =>
        await db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);

    public Task MarkReadAsync(string userId, long id, CancellationToken ct) =>
        db.Set<Notification>().Where(n => n.Id == id && n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct);

    public Task MarkAllReadAsync(string userId, CancellationToken ct) =>
        db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), ct);

    /// <summary>Marks it read and returns where it points, or null when it is not this member's.</summary>
    public async Task<string?> OpenAsync(string userId, long id, CancellationToken ct)
    {
        var link = await db.Set<Notification>().Where(n => n.Id == id && n.UserId == userId).Select(n => n.Link).FirstOrDefaultAsync(ct);
        if (link is not null) await MarkReadAsync(userId, id, ct);
        return link;
    }
}
