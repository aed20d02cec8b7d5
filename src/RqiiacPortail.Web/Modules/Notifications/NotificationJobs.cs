using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Background;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// Once a minute (on the injected clock, so tests can move time): sends the daily digests that are due and
/// deletes old read notifications.
/// </summary>
internal sealed class NotificationJobs(
    IServiceScopeFactory scopes,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<NotificationJobs> logger) : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromMinutes(1);

    protected override string FailureMessage => "Échec des tâches de notification (résumés, nettoyage).";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        await SendDueDigestsAsync(scope.ServiceProvider, ct);
        await PruneAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), ct);
    }

    internal async Task SendDueDigestsAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var now = Clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

        // Who has something waiting, and since when.
        var waiting = await db.Set<Notification>()
            .Where(n => n.Delivery == Delivery.Digest && n.EmailedAt == null && n.ReadAt == null)
            .GroupBy(n => n.UserId).Select(g => new { UserId = g.Key, Oldest = g.Min(n => n.CreatedAt) })
            .ToDictionaryAsync(w => w.UserId, w => w.Oldest, ct);
        if (waiting.Count == 0) return;

        var schedules = await db.Set<DigestSchedule>().Where(s => waiting.Keys.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);
        var due = new Dictionary<string, DateTimeOffset>();
        foreach (var (userId, oldest) in waiting)
        {
            var schedule = schedules.GetValueOrDefault(userId);
            var slot = DigestSlots.Latest(now, schedule?.Hour ?? DigestSchedule.DefaultHour, zone);
            // Due at the member's hour for what was already waiting then, once: a notice arriving at 17 h 38 for
            // a 7 h digest waits for tomorrow's 7 h, it does not set one off at once.
            if (oldest <= slot && (schedule?.LastSentAt is not { } last || last < slot)) due[userId] = slot;
        }
        if (due.Count == 0) return;

        var mail = services.GetRequiredService<IMailOutbox>();
        var links = services.GetRequiredService<NotificationLinks>();
        var contacts = (await services.GetRequiredService<IMemberDirectory>().ContactsAsync(due.Keys, ct)).ToDictionary(c => c.Id);
        foreach (var (userId, slot) in due)
        {
            if (!contacts.TryGetValue(userId, out var contact)) continue;
            // The claim of the member's slot, the digest, the stamps on what it carries and the schedule commit
            // together: another instance passing now finds the slot taken (its insert waits for this commit, then
            // does nothing) and sends nothing.
            await db.InTransactionAsync(async tx =>
            {
                if (!await db.InsertIfMissingAsync(new DigestClaim { UserId = userId, Slot = slot.ToUniversalTime() }, ct)) return;
                var items = await db.Set<Notification>()
                    .Where(n => n.UserId == userId && n.Delivery == Delivery.Digest && n.EmailedAt == null && n.ReadAt == null && n.CreatedAt <= now)
                    .OrderBy(n => n.Id).ToListAsync(ct);
                if (items.Count > 0)
                {
                    mail.Enqueue(NotificationMail.Digest(contact, items, links));
                    foreach (var item in items) item.EmailedAt = now;
                }
                if (await db.Set<DigestSchedule>().FirstOrDefaultAsync(s => s.UserId == userId, ct) is { } schedule) schedule.LastSentAt = now;
                else db.Add(new DigestSchedule { UserId = userId, LastSentAt = now });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }, ct);
            db.ChangeTracker.Clear();
        }
    }

    private async Task PruneAsync(PortalDbContext db, CancellationToken ct)
    {
        var before = Clock.GetUtcNow() - options.Value.KeepReadFor;
        var deleted = await db.Set<Notification>().Where(n => n.ReadAt != null && n.ReadAt < before).ExecuteDeleteAsync(ct);
        // A slot's claim matters only while that slot could be sent again: a few days.
        var claimsBefore = Clock.GetUtcNow().AddDays(-7);
        await db.Set<DigestClaim>().Where(c => c.Slot < claimsBefore).ExecuteDeleteAsync(ct);
        if (deleted > 0) logger.LogInformation("{Count} notifications lues supprimées.", deleted);
    }
}
