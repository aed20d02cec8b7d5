using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Background;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// Every minute: offers not taken within 48 hours and visitors' unconfirmed seats go to the next in line, and
/// registrants of events starting within two days get their reminder. Each registration is claimed by its own
/// conditional update, so several instances running this at once still send each reminder once.
/// </summary>
internal sealed class EventJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<EventJobs> logger) : PeriodicJob(scopes, clock, logger)
{
    public static readonly TimeSpan ReminderBefore = TimeSpan.FromDays(2);

    protected override TimeSpan Period => TimeSpan.FromMinutes(1);

    protected override string FailureMessage => "Échec du travail des événements (places offertes échues, rappels).";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        await RunAsync(scope.ServiceProvider, Clock, ct);
    }

    /// <summary>One pass (what the tests call with a moved clock).</summary>
    public static async Task RunAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        await services.GetRequiredService<Registrar>().ExpireHoldsAsync(ct);
        await SendRemindersAsync(services, clock, ct);
    }

    private static async Task SendRemindersAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var db = services.GetRequiredService<PortalDbContext>();
        var mail = services.GetRequiredService<EventMail>();
        var registrar = services.GetRequiredService<Registrar>();
        var now = clock.GetUtcNow();
        var soon = now + ReminderBefore;
        var due = await (from r in db.Set<Registration>()
                         join e in db.Set<Event>().AcrossSections() on r.EventId equals e.Id
                         where r.Status == RegistrationStatus.Confirmed && r.ReminderSentAt == null && r.EmailConfirmed
                               && e.State == EventState.Published && e.StartsAt > now && e.StartsAt <= soon
                         orderby r.Id
                         select new { r.Id, r.EventId }).Take(500).ToListAsync(ct);
        foreach (var group in due.GroupBy(d => d.EventId))
        {
            if (await registrar.EventAsync(group.Key, ct) is not { } e) continue;
            foreach (var item in group)
            {
                await db.InTransactionAsync(async tx =>
                {
                    if (await db.Set<Registration>().Where(r => r.Id == item.Id && r.ReminderSentAt == null)
                            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderSentAt, now), ct) == 0) return;
                    var registration = await db.Set<Registration>().AsNoTracking().Include(r => r.Workshops).FirstAsync(r => r.Id == item.Id, ct);
                    await mail.ReminderAsync(e, registration, ct);
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                }, ct);
            }
        }
    }
}

/// <summary>An event was cancelled: each living registration is told by e-mail (and a member by a notification), a batch at a time.</summary>
internal sealed class EventCancelledNotices(PortalDbContext db, Registrar registrar, EventMail mail, IMailOutbox outbox, INotifier notifier)
    : IEventHandler<EventCancelled>
{
    public async Task HandleAsync(EventCancelled cancelled, EventBatches batches, CancellationToken ct)
    {
        if (await registrar.EventAsync(cancelled.EventId, ct) is not { } e) return;
        var url = await mail.EventUrlAsync(e, ct);
        var prefix = await mail.PrefixAsync(e, ct);
        var after = int.TryParse(batches.Resume, out var resume) ? resume : 0;
        while (true)
        {
            var page = await db.Set<Registration>().AsNoTracking()
                .Where(r => r.EventId == e.Id && r.Id > after && r.ActiveEmail != null).OrderBy(r => r.Id).Take(batches.Size).ToListAsync(ct);
            if (page.Count == 0) return;
            foreach (var r in page)
            {
                var body = new MailBody("L'événement est annulé")
                    .Paragraph($"Bonjour {r.Name}, « {e.Title} » ({EventMail.When(e)}) est annulé par ses organisateurs. Votre inscription n'a plus d'effet.");
                if (!string.IsNullOrWhiteSpace(cancelled.Reason)) body.Paragraph($"Motif : {cancelled.Reason}");
                outbox.Enqueue(new MailDraft(r.Email, r.Name, $"Événement annulé : {e.Title}",
                    body.Paragraph("Nous sommes désolés du contretemps.").Action("Voir l'événement", url).Render()));
            }
            var members = page.Where(r => r.UserId is not null).Select(r => r.UserId!).ToList();
            if (members.Count > 0)
                await notifier.NotifyAsync(new Notice(EventsModule.RegistrationKind.Key, members, $"« {e.Title} » est annulé",
                    $"{prefix}/evenements/{Infrastructure.Web.IdSlugConstraint.Key(e.Id, e.Title)}"), ct);
            await batches.SaveAsync((after = page[^1].Id).ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }
}

/// <summary>An organizer's message goes to the living registrations (one workshop's when said), a batch at a time.</summary>
internal sealed class RegistrantsWrittenDeliveries(PortalDbContext db, IMailOutbox outbox) : IEventHandler<RegistrantsWritten>
{
    public async Task HandleAsync(RegistrantsWritten written, EventBatches batches, CancellationToken ct)
    {
        var bulk = await db.Set<MailBulk>().FirstOrDefaultAsync(b => b.Id == written.BulkId, ct);
        if (bulk is null) return;
        var after = int.TryParse(batches.Resume, out var resume) ? resume : 0;
        while (true)
        {
            var query = db.Set<Registration>().AsNoTracking().Where(r => r.EventId == written.EventId && r.Id > after && r.ActiveEmail != null);
            if (written.WorkshopId is { } workshop)
                query = query.Where(r => r.Status == RegistrationStatus.Confirmed && r.Workshops.Any(w => w.WorkshopId == workshop && w.Held));
            var page = await query.OrderBy(r => r.Id).Select(r => new { r.Id, r.Email, r.Name }).Take(batches.Size).ToListAsync(ct);
            if (page.Count == 0) return;
            var headers = written.ReplyTo is { } replyTo ? new Dictionary<string, string> { ["Reply-To"] = replyTo } : null;
            outbox.EnqueueBulk(bulk, page.Select(r => new BulkRecipient(r.Email, r.Name, Headers: headers)));
            await batches.SaveAsync((after = page[^1].Id).ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }
}
