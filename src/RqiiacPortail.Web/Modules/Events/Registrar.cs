using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Infrastructure.Mail;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// Seats. Every change to an event's registrations starts by bumping the event's arrival counter, which holds the
/// event's row until commit: registrations, cancellations and offers of one event are decided one after the other
/// (SQLite writes one transaction at a time anyway). A seat is taken in the statement that checks for it
/// (<c>Taken = Taken + 1 WHERE Taken &lt; Capacity</c>); its row count says confirmed or waiting. So capacity is never
/// exceeded, whatever arrives at once, and the waiting list is in arrival order. What the change tells people (mail,
/// notifications) joins the same transaction; the live seat counts are pushed after it.
/// </summary>
public sealed class Registrar(PortalDbContext db, EventMail mail, EventLive live, TimeProvider clock)
{
    public static readonly TimeSpan OfferHold = WaitingListRules.OfferHold;
    public static readonly TimeSpan UnconfirmedHold = WaitingListRules.UnconfirmedHold;

    public Task<Event?> EventAsync(int id, CancellationToken ct) =>
        db.Set<Event>().AcrossSections().AsNoTracking().Include(e => e.Workshops).Include(e => e.Fees).Include(e => e.Questions).Include(e => e.Terms)
            .AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, ct);

    public Task<Registration?> ByCodeAsync(string code, CancellationToken ct) =>
        db.Set<Registration>().AsNoTracking().Include(r => r.Workshops).Include(r => r.Answers).FirstOrDefaultAsync(r => r.Code == code, ct);

    /// <summary>The member's living registration to the event, if any.</summary>
    public Task<Registration?> OfMemberAsync(int eventId, string userId, CancellationToken ct) =>
        db.Set<Registration>().AsNoTracking().Include(r => r.Workshops)
            .Where(r => r.EventId == eventId && r.UserId == userId && r.ActiveEmail != null).FirstOrDefaultAsync(ct);

    /// <summary>Where the registration stands in the waiting list (1: next to be offered a seat), or null when not waiting.</summary>
    public async Task<int?> PlaceAsync(Registration r, CancellationToken ct) => r.Status != RegistrationStatus.Waitlisted ? null
        : 1 + await db.Set<Registration>().CountAsync(o => o.EventId == r.EventId && o.Status == RegistrationStatus.Waitlisted && o.Arrival < r.Arrival, ct);

    /// <returns>The registration made (confirmed or waiting), or the refusals to show next to their fields.</returns>
    public async Task<(Registration? Registration, IReadOnlyList<Refusal> Refusals)> RegisterAsync(Event e, EventViewer viewer,
        RegistrationRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (RegistrationRules.Closed(e, now) is { } closed) return (null, [new("", closed)]);
        if (!viewer.MayRegister(e)) return (null, [new("", "Cet événement est réservé aux membres : connectez-vous pour vous inscrire.")]);
        var refusals = RegistrationRules.Check(e, request);
        if (refusals.Count > 0) return (null, refusals);

        var email = request.Email.Trim();
        var registration = new Registration
        {
            EventId = e.Id, UserId = viewer.UserId, Name = request.Name.Trim(), Email = email, ActiveEmail = email.ToLowerInvariant(),
            Employer = string.IsNullOrWhiteSpace(request.Employer) ? null : request.Employer.Trim(), FeeId = e.Fees.Count > 0 ? request.FeeId : null,
            Code = NewCode(), EmailConfirmed = viewer.UserId is not null, CreatedAt = now,
        };
        registration.Answers.AddRange(RegistrationRules.Answers(e, request));
        registration.Workshops.AddRange(request.WorkshopIds.Distinct().Select(w => new RegistrationWorkshop { WorkshopId = w }));
        var duplicate = false;
        try
        {
            var open = await db.InTransactionAsync(async tx =>
            {
                // The event's state read again in the statement that holds its row: cancelled (or closed) a moment
                // ago, it takes no one, whatever the page loaded before.
                if (await ArriveIfOpenAsync(e.Id, now, ct) is not { } arrival) return false;
                registration.Arrival = arrival;
                var seated = await TakeSeatAsync(e.Id, ct);
                registration.Status = seated ? RegistrationStatus.Confirmed : RegistrationStatus.Waitlisted;
                registration.HoldUntil = WaitingListRules.SeatHeldUntil(seated, registration.EmailConfirmed, now);
                if (seated && registration.EmailConfirmed) registration.ReminderSentAt = Reminded(e, now);
                db.Add(registration);
                await db.SaveChangesAsync(ct);
                if (seated) await SeatWorkshopsAsync(registration, ct);
                await mail.RegisteredAsync(e, registration, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return true;
            }, ct);
            if (!open)
            {
                var current = await EventAsync(e.Id, ct) ?? e;
                return (null, [new("", RegistrationRules.Closed(current, now) ?? "Cet événement ne prend plus d'inscriptions.")]);
            }
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // The unique index on the living address refused it (two sent at once included); anything else is a fault.
            if (!(duplicate = await AddressTakenAsync(e.Id, registration.ActiveEmail!, ct))) throw;
        }
        if (duplicate)
            return (null, [new("Email", "Une inscription à cet événement existe déjà avec cette adresse courriel. Le lien reçu par courriel permet de la consulter.")]);
        await live.SeatsChangedAsync(e.Id, ct);
        return (registration, []);
    }

    /// <summary>The registrant confirms their address: their seat (if they hold one) is theirs until they cancel.</summary>
    public async Task<string?> ConfirmEmailAsync(Event e, Registration r, CancellationToken ct)
    {
        if (r.EmailConfirmed) return null;
        if (!r.IsAlive) return "Cette inscription n'est plus active : le délai pour confirmer l'adresse est passé. Vous pouvez vous inscrire de nouveau.";
        var reminded = Reminded(e, clock.GetUtcNow());
        var done = await db.InTransactionAsync(async tx =>
        {
            var changed = await db.Set<Registration>().Where(x => x.Id == r.Id && !x.EmailConfirmed && x.ActiveEmail != null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.EmailConfirmed, true)
                    .SetProperty(x => x.HoldUntil, x => x.Status == RegistrationStatus.Confirmed ? null : x.HoldUntil)
                    .SetProperty(x => x.ReminderSentAt, x => x.Status == RegistrationStatus.Confirmed ? x.ReminderSentAt ?? reminded : x.ReminderSentAt), ct);
            if (changed == 0) return false;
            r.EmailConfirmed = true;
            await db.ConfirmedAsync(r.Email, ct);
            if (r.Status == RegistrationStatus.Confirmed) await mail.ConfirmedAsync(e, r, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
        return done ? null : "Cette inscription n'est plus active. Vous pouvez vous inscrire de nouveau.";
    }

    /// <returns>Why the registration cannot be cancelled, in French, or null once it is.</returns>
    public async Task<string?> CancelAsync(Event e, Registration r, CancellationToken ct)
    {
        if (clock.GetUtcNow() >= e.StartsAt) return "L'événement a commencé : l'inscription ne peut plus être annulée.";
        var offered = new List<int>();
        var done = await db.InTransactionAsync(async tx =>
        {
            await ArriveAsync(e.Id, ct);
            // Read again under the event's lock: what the page showed may have changed (an offer, another tab).
            var current = await db.Set<Registration>().AsNoTracking().Include(x => x.Workshops).FirstAsync(x => x.Id == r.Id, ct);
            if (!current.IsAlive) return false;
            await db.Set<Registration>().Where(x => x.Id == r.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RegistrationStatus.Cancelled)
                .SetProperty(x => x.ActiveEmail, (string?)null).SetProperty(x => x.HoldUntil, (DateTimeOffset?)null)
                .SetProperty(x => x.CancelledAt, clock.GetUtcNow()), ct);
            await ReleaseAsync(e, current, offered, ct);
            await mail.CancelledAsync(e, current, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
        if (!done) return "Cette inscription est déjà annulée.";
        await live.SeatsChangedAsync(e.Id, ct);
        return null;
    }

    /// <summary>The first in line takes the seat offered to them (within the 48 hours).</summary>
    public async Task<string?> AcceptOfferAsync(Event e, Registration r, CancellationToken ct)
    {
        var done = await db.InTransactionAsync(async tx =>
        {
            await ArriveAsync(e.Id, ct);
            var now = clock.GetUtcNow();
            var reminded = Reminded(e, now);
            var changed = await db.Set<Registration>().Where(x => x.Id == r.Id && x.Status == RegistrationStatus.Offered && x.HoldUntil > now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RegistrationStatus.Confirmed).SetProperty(x => x.HoldUntil, (DateTimeOffset?)null)
                    .SetProperty(x => x.EmailConfirmed, true).SetProperty(x => x.ReminderSentAt, x => x.ReminderSentAt ?? reminded), ct);
            if (changed == 0) return false;
            var current = await db.Set<Registration>().Include(x => x.Workshops).FirstAsync(x => x.Id == r.Id, ct);
            await SeatWorkshopsAsync(current, ct);
            await mail.ConfirmedAsync(e, current, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
        if (!done) return "Cette offre n'est plus valable : le délai de 48 heures est passé, ou la place a été acceptée ou refusée.";
        await live.SeatsChangedAsync(e.Id, ct);
        return null;
    }

    /// <summary>Replaces the registrant's workshops: the ones left give their seat to the next in line, new ones seat them or put them in line.</summary>
    public async Task<IReadOnlyList<Refusal>> ChangeWorkshopsAsync(Event e, Registration r, IReadOnlyCollection<int> workshopIds, CancellationToken ct)
    {
        if (clock.GetUtcNow() >= e.StartsAt) return [new("", "L'événement a commencé : les ateliers ne peuvent plus être changés.")];
        if (!r.IsAlive) return [new("", "Cette inscription n'est plus active.")];
        var refusals = RegistrationRules.CheckWorkshops(e, workshopIds);
        if (refusals.Count > 0) return refusals;
        var wanted = workshopIds.ToHashSet();
        await db.InTransactionAsync(async tx =>
        {
            await ArriveAsync(e.Id, ct);
            var current = await db.Set<Registration>().Include(x => x.Workshops).FirstAsync(x => x.Id == r.Id, ct);
            foreach (var left in current.Workshops.Where(w => !wanted.Contains(w.WorkshopId)).ToList())
            {
                current.Workshops.Remove(left);
                db.Remove(left);
                await db.SaveChangesAsync(ct);
                if (left.Held) await FreeWorkshopSeatAsync(e, left.WorkshopId, ct);
            }
            foreach (var id in wanted.Where(id => current.Workshops.All(w => w.WorkshopId != id)))
                current.Workshops.Add(new RegistrationWorkshop { WorkshopId = id });
            await db.SaveChangesAsync(ct);
            if (current.Status == RegistrationStatus.Confirmed) await SeatWorkshopsAsync(current, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
        await live.SeatsChangedAsync(e.Id, ct);
        return [];
    }

    /// <summary>
    /// Seats offered for 48 hours and not taken, and visitors' seats whose address was not confirmed within the hour,
    /// go back to the waiting list's next in line. Run by <see cref="EventJobs"/>; each registration is claimed by
    /// its own conditional update, so two instances running it at once release each seat once.
    /// </summary>
    public async Task<int> ExpireHoldsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<Registration>().AsNoTracking()
            .Where(r => (r.Status == RegistrationStatus.Offered || r.Status == RegistrationStatus.Confirmed) && r.HoldUntil != null && r.HoldUntil <= now)
            .OrderBy(r => r.HoldUntil).Select(r => new { r.Id, r.EventId }).Take(200).ToListAsync(ct);
        var expired = 0;
        foreach (var item in due)
        {
            if (await EventAsync(item.EventId, ct) is not { } e) continue;
            var done = await db.InTransactionAsync(async tx =>
            {
                await ArriveAsync(e.Id, ct);
                var current = await db.Set<Registration>().AsNoTracking().Include(x => x.Workshops).FirstAsync(x => x.Id == item.Id, ct);
                var changed = await db.Set<Registration>()
                    .Where(x => x.Id == item.Id && (x.Status == RegistrationStatus.Offered || x.Status == RegistrationStatus.Confirmed) && x.HoldUntil != null && x.HoldUntil <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, RegistrationStatus.Expired).SetProperty(x => x.ActiveEmail, (string?)null), ct);
                if (changed == 0) return false;
                await ReleaseAsync(e, current, [], ct);
                await mail.ExpiredAsync(e, current, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return true;
            }, ct);
            if (!done) continue;
            expired++;
            await live.SeatsChangedAsync(e.Id, ct);
        }
        return expired;
    }

    /// <summary>Offers the seats an organizer added (a larger capacity) to the waiting list.</summary>
    public async Task FillAsync(Event e, CancellationToken ct)
    {
        await db.InTransactionAsync(async tx =>
        {
            await ArriveAsync(e.Id, ct);
            await OfferFreeSeatsAsync(e, ct);
            foreach (var w in e.Workshops) await FillWorkshopAsync(e, w.Id, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
        await live.SeatsChangedAsync(e.Id, ct);
    }

    /// <summary>Marks registrants present at the door (or takes the mark back), and tells the door's other pages.</summary>
    public async Task<int> MarkPresentAsync(Event e, IReadOnlyCollection<int> registrationIds, bool present, CancellationToken ct)
    {
        DateTimeOffset? at = present ? clock.GetUtcNow() : null;
        var changed = await db.Set<Registration>()
            .Where(r => r.EventId == e.Id && registrationIds.Contains(r.Id) && r.Status == RegistrationStatus.Confirmed && (present ? r.PresentAt == null : r.PresentAt != null))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.PresentAt, at), ct);
        // The other volunteers at the door see it at once (after the write: a push never announces what did not happen).
        if (changed > 0) await live.ArrivalsChangedAsync(e.Id, registrationIds, ct);
        return changed;
    }

    // ---- Seats, inside a transaction holding the event's row ---------------------------------------------------

    /// <summary>Takes the event's row until commit (every change of its seats goes through it, one at a time).</summary>
    private Task ArriveAsync(int eventId, CancellationToken ct) =>
        db.Set<Event>().AcrossSections().Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Arrivals, e => e.Arrivals + 1), ct);

    /// <returns>
    /// The event's new arrival number (the statement takes the event's row until commit), or null when the event,
    /// as it is now, takes no registration (cancelled, unpublished, started, not open, closed).
    /// </returns>
    private async Task<long?> ArriveIfOpenAsync(int eventId, DateTimeOffset now, CancellationToken ct)
    {
        var open = await db.Set<Event>().AcrossSections().Where(e => e.Id == eventId && e.State == EventState.Published && e.StartsAt > now
                && (e.RegistrationOpensAt == null || e.RegistrationOpensAt <= now) && (e.RegistrationClosesAt == null || e.RegistrationClosesAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Arrivals, e => e.Arrivals + 1), ct);
        if (open == 0) return null;
        return await db.Set<Event>().AcrossSections().Where(e => e.Id == eventId).Select(e => e.Arrivals).FirstAsync(ct);
    }

    private async Task<bool> TakeSeatAsync(int eventId, CancellationToken ct) =>
        await db.Set<Event>().AcrossSections().Where(e => e.Id == eventId && e.Taken < e.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Taken, e => e.Taken + 1), ct) == 1;

    /// <summary>What a registration that stops held goes back: its seat to the next in line, its workshops' seats likewise.</summary>
    private async Task ReleaseAsync(Event e, Registration gone, List<int> offered, CancellationToken ct)
    {
        foreach (var held in gone.Workshops.Where(w => w.Held))
        {
            await db.Set<RegistrationWorkshop>().Where(w => w.Id == held.Id).ExecuteDeleteAsync(ct);
            await FreeWorkshopSeatAsync(e, held.WorkshopId, ct);
        }
        await db.Set<RegistrationWorkshop>().Where(w => w.RegistrationId == gone.Id).ExecuteDeleteAsync(ct);
        if (!gone.HoldsSeat) return;
        await db.Set<Event>().AcrossSections().Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Taken, x => x.Taken - 1), ct);
        offered.AddRange(await OfferFreeSeatsAsync(e, ct));
    }

    /// <summary>While a seat is free, the first waiting (by arrival) is offered it for 48 hours and told.</summary>
    private async Task<List<int>> OfferFreeSeatsAsync(Event e, CancellationToken ct)
    {
        var offered = new List<int>();
        var now = clock.GetUtcNow();
        if (!WaitingListRules.OffersSeats(e.State, e.StartsAt, now)) return offered;
        while (true)
        {
            var next = await db.Set<Registration>().Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Waitlisted)
                .OrderBy(r => r.Arrival).FirstOrDefaultAsync(ct);
            if (next is null || !await TakeSeatAsync(e.Id, ct)) return offered;
            next.Status = RegistrationStatus.Offered;
            next.HoldUntil = WaitingListRules.OfferEnds(now, e.StartsAt);
            await db.SaveChangesAsync(ct);
            await mail.OfferedAsync(e, next, ct);
            offered.Add(next.Id);
        }
    }

    /// <summary>Seats the registrant in each chosen workshop that has room; the others keep their place in the workshop's line.</summary>
    private async Task SeatWorkshopsAsync(Registration r, CancellationToken ct)
    {
        foreach (var choice in r.Workshops.Where(w => !w.Held))
        {
            if (!await TakeWorkshopSeatAsync(choice.WorkshopId, ct)) continue;
            // A tracked choice is saved by the caller's next SaveChanges; an untracked one is written now.
            choice.Held = true;
            if (db.Entry(choice).State == EntityState.Detached)
                await db.Set<RegistrationWorkshop>().Where(w => w.Id == choice.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Held, true), ct);
        }
    }

    private async Task<bool> TakeWorkshopSeatAsync(int workshopId, CancellationToken ct) =>
        await db.Set<Workshop>().Where(w => w.Id == workshopId && w.Taken < w.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Taken, w => w.Taken + 1), ct) == 1;

    private async Task FreeWorkshopSeatAsync(Event e, int workshopId, CancellationToken ct)
    {
        await db.Set<Workshop>().Where(w => w.Id == workshopId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Taken, w => w.Taken - 1), ct);
        await FillWorkshopAsync(e, workshopId, ct);
    }

    /// <summary>
    /// A workshop's free seats go to those confirmed at the event who wait for it, in the order they chose it; they
    /// are coming anyway and asked for it, so the seat is theirs at once and they are told.
    /// </summary>
    private async Task FillWorkshopAsync(Event e, int workshopId, CancellationToken ct)
    {
        while (true)
        {
            var next = await (from c in db.Set<RegistrationWorkshop>()
                              join r in db.Set<Registration>() on c.RegistrationId equals r.Id
                              where c.WorkshopId == workshopId && !c.Held && r.Status == RegistrationStatus.Confirmed
                              orderby c.Id
                              select new { c.Id, Registration = r }).FirstOrDefaultAsync(ct);
            if (next is null || !await TakeWorkshopSeatAsync(workshopId, ct)) return;
            await db.Set<RegistrationWorkshop>().Where(w => w.Id == next.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Held, true), ct);
            await mail.WorkshopSeatedAsync(e, next.Registration, e.Workshops.First(w => w.Id == workshopId), ct);
        }
    }

    private Task<bool> AddressTakenAsync(int eventId, string activeEmail, CancellationToken ct) =>
        db.Set<Registration>().AnyAsync(r => r.EventId == eventId && r.ActiveEmail == activeEmail, ct);

    /// <summary>
    /// A confirmation sent within the reminder's two days is the reminder: marked sent, so that the job does not
    /// send a second message a minute later.
    /// </summary>
    private static DateTimeOffset? Reminded(Event e, DateTimeOffset now) => e.StartsAt - now <= EventJobs.ReminderBefore ? now : null;

    /// <summary>A secret for an address: 24 random bytes, URL-safe.</summary>
    public static string NewCode() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}
