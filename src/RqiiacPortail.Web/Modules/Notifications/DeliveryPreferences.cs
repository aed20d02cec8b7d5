using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>How a member wants each kind of notification, and the hour of their digest.</summary>
public sealed class DeliveryPreferences(PortalDbContext db, INotificationKinds kinds)
{
    public async Task<(IReadOnlyDictionary<string, Delivery> Chosen, int DigestHour)> ForAsync(string userId, CancellationToken ct)
    {
        var chosen = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Delivery, ct);
        var hour = await db.Set<DigestSchedule>().AsNoTracking().Where(s => s.UserId == userId).Select(s => (int?)s.Hour).FirstOrDefaultAsync(ct);
        return (chosen, hour ?? DigestSchedule.DefaultHour);
    }

    /// <summary>Saves the choices given (the others keep theirs) and the digest's hour.</summary>
    public Task SaveAsync(string userId, IReadOnlyDictionary<string, Delivery> chosen, int digestHour, CancellationToken ct) =>
        // A double submission races on the unique (member, kind) index: run once more on what the first one saved.
        RetryOnceAsync(async () =>
        {
            await SetAsync(userId, chosen, ct);
            var schedule = await db.Set<DigestSchedule>().FindAsync([userId], ct);
            if (schedule is null) db.Add(new DigestSchedule { UserId = userId, Hour = digestHour });
            else schedule.Hour = digestHour;
            await db.SaveChangesAsync(ct);
        });

    /// <summary>
    /// The one-click unsubscribe: that kind goes to the site only; for the digest, every kind the digest gathered
    /// (by default or by choice) does.
    /// </summary>
    public Task StopAsync(string userId, string kind, CancellationToken ct) =>
        RetryOnceAsync(async () =>
        {
            var stopped = kind == NotificationLinks.DigestKind
                ? kinds.All.Where(k => k.DefaultDelivery == Delivery.Digest).Select(k => k.Key)
                    .Union(await db.Set<NotificationPreference>().Where(p => p.UserId == userId && p.Delivery == Delivery.Digest).Select(p => p.Kind).ToListAsync(ct))
                : [kind];
            var current = await db.Set<NotificationPreference>().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Delivery, ct);
            // Leaving the digest keeps a kind someone chose to have by e-mail at once as it is.
            await SetAsync(userId, stopped.Where(k => kind != NotificationLinks.DigestKind || current.GetValueOrDefault(k, Delivery.Digest) == Delivery.Digest)
                .ToDictionary(k => k, _ => Delivery.Site), ct);
            await db.SaveChangesAsync(ct);
        });

    private async Task SetAsync(string userId, IReadOnlyDictionary<string, Delivery> chosen, CancellationToken ct)
    {
        var rows = await db.Set<NotificationPreference>().Where(p => p.UserId == userId).ToListAsync(ct);
        foreach (var (key, delivery) in chosen)
        {
            if (rows.FirstOrDefault(r => r.Kind == key) is { } row) row.Delivery = delivery;
            else db.Add(new NotificationPreference { UserId = userId, Kind = key, Delivery = delivery });
        }
    }

    private async Task RetryOnceAsync(Func<Task> change)
    {
        try
        {
            await change();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            await change();
        }
    }
}
