using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// Seats left on an event's open pages, live. Anyone who may see the event may watch its seats (they are on the
/// page already); drafts are watched by their organizers only.
/// </summary>
public sealed class EventsHub(PortalDbContext db, EventAccess access) : Hub
{
    public const string Path = "/hubs/evenements";

    public static string Group(int eventId) => $"evenement:{eventId}";

    /// <summary>The event's door: its organizers' pages, each volunteer seeing the others' check-ins.</summary>
    public static string DoorGroup(int eventId) => $"accueil:{eventId}";

    /// <returns>The seats left now, or null when this reader may not watch the event.</returns>
    public async Task<LiveSeats?> Suivre(int evenement)
    {
        var e = await db.Set<Event>().AcrossSections().AsNoTracking().FirstOrDefaultAsync(x => x.Id == evenement, Context.ConnectionAborted);
        if (e is null || !(await access.ViewerAsync(Context.User!, Context.ConnectionAborted)).CanSee(e)) return null;
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(evenement), Context.ConnectionAborted);
        return await EventLive.SeatsAsync(db, evenement, Context.ConnectionAborted);
    }

    /// <returns>Whether this person organizes the event, and so now hears the arrivals other volunteers record at its door.</returns>
    public async Task<bool> Accueillir(int evenement)
    {
        var e = await db.Set<Event>().AcrossSections().AsNoTracking().FirstOrDefaultAsync(x => x.Id == evenement, Context.ConnectionAborted);
        if (e is null || !(await access.ViewerAsync(Context.User!, Context.ConnectionAborted)).CanOrganize(e.SectionId)) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, DoorGroup(evenement), Context.ConnectionAborted);
        return true;
    }
}

/// <summary>
/// An arrival recorded (or taken back) at the door, for the other volunteers' pages: who by registration number
/// only (their pages hold the names already), at what time, and the new count.
/// </summary>
public sealed record LiveArrival(int Registration, bool Present, string? At, int Count, int Total);

/// <param name="Left">Seats left at the event (0: the waiting list takes the next ones).</param>
/// <param name="Workshops">Each workshop's seats left, by id.</param>
public sealed record LiveSeats(int EventId, int Left, IReadOnlyDictionary<int, int> Workshops);

/// <summary>Pushes the seats left after a change is committed. A push that fails costs a reload, never a seat: logged and forgotten.</summary>
public sealed class EventLive(IHubContext<EventsHub> hub, PortalDbContext db, ILogger<EventLive> logger)
{
    public async Task SeatsChangedAsync(int eventId, CancellationToken ct)
    {
        try
        {
            await hub.Clients.Group(EventsHub.Group(eventId)).SendAsync("places", await SeatsAsync(db, eventId, ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Places de l'événement {Event} non poussées aux pages ouvertes.", eventId);
        }
    }

    /// <summary>Tells the event's door pages of arrivals just recorded, with the count as it now stands.</summary>
    public async Task ArrivalsChangedAsync(int eventId, IReadOnlyCollection<int> registrationIds, CancellationToken ct)
    {
        try
        {
            var confirmed = db.Set<Registration>().AsNoTracking().Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed);
            var total = await confirmed.CountAsync(ct);
            var count = await confirmed.CountAsync(r => r.PresentAt != null, ct);
            var changed = await confirmed.Where(r => registrationIds.Contains(r.Id)).Select(r => new { r.Id, r.PresentAt }).ToListAsync(ct);
            foreach (var r in changed)
                await hub.Clients.Group(EventsHub.DoorGroup(eventId)).SendAsync("arrivee",
                    new LiveArrival(r.Id, r.PresentAt is not null, r.PresentAt is { } at ? EventMail.Hour(at) : null, count, total), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Arrivées de l'événement {Event} non poussées aux autres pages d'accueil.", eventId);
        }
    }

    public static async Task<LiveSeats> SeatsAsync(PortalDbContext db, int eventId, CancellationToken ct)
    {
        var left = await db.Set<Event>().AcrossSections().Where(e => e.Id == eventId).Select(e => e.Capacity - e.Taken).FirstOrDefaultAsync(ct);
        var workshops = await db.Set<Workshop>().Where(w => w.EventId == eventId).Select(w => new { w.Id, Left = w.Capacity - w.Taken }).ToListAsync(ct);
        return new LiveSeats(eventId, Math.Max(0, left), workshops.ToDictionary(w => w.Id, w => Math.Max(0, w.Left)));
    }
}
