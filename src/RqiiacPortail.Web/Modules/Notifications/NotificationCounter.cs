using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

internal sealed class NotificationCounter(PortalDbContext db) : INotificationCounter
{
    public Task<int> UnreadAsync(string userId, CancellationToken ct = default) =>
        db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null, ct);
}
