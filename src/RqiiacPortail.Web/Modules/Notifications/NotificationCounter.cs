using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// The bell's count, on every page a member opens: kept in memory per member until a notification of theirs is
/// written or read (their part of the "cloche" area), so that a page reads no notification at all.
/// </summary>
internal sealed class NotificationCounter(GenerationalCache cache) : INotificationCounter
{
    public const string Area = "cloche";

    public Task<int> UnreadAsync(string userId, CancellationToken ct = default) =>
        cache.GetOrLoadPersonalAsync("cloche:" + userId, Area, userId, (services, token) =>
            services.GetRequiredService<PortalDbContext>().Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null, token),
            TimeSpan.FromMinutes(10), ct);
}
