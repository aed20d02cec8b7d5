using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>The organizer released the attestations of an event: each person marked present is told theirs is ready.</summary>
public sealed record AttestationsReleased(int EventId);

/// <summary>Where an event's attestations stand, for its organizer.</summary>
/// <param name="Present">Confirmed and marked present at the door: each has an attestation.</param>
/// <param name="Told">Of those, told by e-mail (and notification) that theirs is ready.</param>
/// <param name="Fetched">Of those, who downloaded theirs at least once.</param>
public sealed record AttestationSummary(int Present, int Told, int Fetched)
{
    public int Untold => Present - Told;
}

/// <summary>
/// Attestations of attendance: who may have one (confirmed, present, the event over and not cancelled), the PDF with
/// the association's name, and the organizer's « send them all » — one action after the event, each person told
/// once however often it is pressed or on however many instances (a conditional write per registration).
/// </summary>
public sealed class Attestations(PortalDbContext db, IEventOutbox events, AuditLog audit, ISectionCatalog catalog, TimeProvider clock)
{
    public static bool IsReady(Registration r, Event e, DateTimeOffset now) =>
        r.Status == RegistrationStatus.Confirmed && r.PresentAt is not null && now >= e.EndsAt && e.State != EventState.Cancelled;

    /// <summary>The PDF, noting the first download (what the organizer's list shows as « téléchargée »).</summary>
    public async Task<byte[]> RenderAsync(Registration r, Event e, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<Registration>().Where(x => x.Id == r.Id && x.AttestationFetchedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AttestationFetchedAt, now), ct);
        return Attestation.Render(r.Name, r.Employer, e, await OrganizerAsync(e, ct), now);
    }

    public async Task<AttestationSummary> SummaryAsync(Event e, CancellationToken ct)
    {
        var present = db.Set<Registration>().Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed && r.PresentAt != null);
        var counts = await present.GroupBy(_ => 1).Select(g => new
        {
            Present = g.Count(),
            Told = g.Count(r => r.AttestationSentAt != null),
            Fetched = g.Count(r => r.AttestationFetchedAt != null),
        }).FirstOrDefaultAsync(ct);
        return counts is null ? new AttestationSummary(0, 0, 0) : new AttestationSummary(counts.Present, counts.Told, counts.Fetched);
    }

    /// <summary>Where a refusal of « send them all » is shown: the attestations' part of the organizer's page.</summary>
    public const string Field = "attestations";

    /// <summary>Tells every person present who has not been told yet (in the background, a batch at a time).</summary>
    public async Task<Decision> ReleaseAsync(ClaimsPrincipal actor, Event e, CancellationToken ct)
    {
        if (e.State == EventState.Cancelled) return Decision.Refuse(Field, "L'événement est annulé : il n'y a pas d'attestation à envoyer.");
        if (clock.GetUtcNow() < e.EndsAt) return Decision.Refuse(Field, "Les attestations s'envoient une fois l'événement terminé.");
        var summary = await SummaryAsync(e, ct);
        if (summary.Present == 0) return Decision.Refuse(Field, "Aucune présence n'a été notée à l'accueil : il n'y a pas d'attestation à envoyer.");
        if (summary.Untold == 0) return Decision.Refuse(Field, "Toutes les personnes présentes ont déjà été avisées que leur attestation est prête.");
        await db.InTransactionAsync(async tx =>
        {
            events.Raise(new AttestationsReleased(e.Id));
            audit.Write(actor, new AuditRecord(EventEditor.AuditArea, "attestations",
                $"Attestations de « {e.Title} » envoyées ({Infrastructure.Text.FrenchText.Count(summary.Untold, "personne")})", SectionId: e.SectionId));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
        return Decision.Done;
    }

    /// <summary>« RQIIAC » or « RQIIAC – Lanaudière »: who delivers the attestation.</summary>
    public async Task<string> OrganizerAsync(Event e, CancellationToken ct)
    {
        var home = await catalog.FindAsync(e.SectionId, ct);
        return home is null || home.IsNational ? "RQIIAC" : $"RQIIAC – {home.Name}";
    }
}

/// <summary>
/// Each person present is told once that their attestation is ready: the conditional write on
/// <see cref="Registration.AttestationSentAt"/> and the e-mail commit together, so a resumed batch or a second
/// release never tells anyone twice. Members are notified in the site too.
/// </summary>
internal sealed class AttestationsReleasedNotices(PortalDbContext db, Registrar registrar, EventMail mail, INotifier notifier, TimeProvider clock)
    : IEventHandler<AttestationsReleased>
{
    public async Task HandleAsync(AttestationsReleased released, EventBatches batches, CancellationToken ct)
    {
        if (await registrar.EventAsync(released.EventId, ct) is not { } e) return;
        var prefix = await mail.PrefixAsync(e, ct);
        var after = int.TryParse(batches.Resume, out var resume) ? resume : 0;
        while (true)
        {
            var page = await db.Set<Registration>().AsNoTracking()
                .Where(r => r.EventId == e.Id && r.Id > after && r.Status == RegistrationStatus.Confirmed && r.PresentAt != null && r.AttestationSentAt == null)
                .OrderBy(r => r.Id).Take(batches.Size).ToListAsync(ct);
            if (page.Count == 0) return;
            var now = clock.GetUtcNow();
            var told = new List<Registration>();
            await db.InTransactionAsync(async tx =>
            {
                told.Clear();
                foreach (var r in page)
                {
                    if (await db.Set<Registration>().Where(x => x.Id == r.Id && x.AttestationSentAt == null)
                            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AttestationSentAt, now), ct) == 0) continue;
                    await mail.AttestationReadyAsync(e, r, ct);
                    told.Add(r);
                }
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }, ct);
            var members = told.Where(r => r.UserId is not null).Select(r => r.UserId!).ToList();
            if (members.Count > 0)
                await notifier.NotifyAsync(new Notice(EventsModule.RegistrationKind.Key, members, $"Votre attestation de participation à « {e.Title} » est prête",
                    $"{prefix}/evenements/mes-inscriptions"), ct);
            await batches.SaveAsync((after = page[^1].Id).ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        }
    }
}
