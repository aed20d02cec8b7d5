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

    /// <returns>The seats left now, or null when this reader may not watch the event.</returns>
    public async Task<LiveSeats?> Suivre(int evenement)
    {
        var e = await db.Set<Event>().AcrossSections().AsNoTracking().FirstOrDefaultAsync(x => x.Id == evenement, Context.ConnectionAborted);
        if (e is null || !(await access.ViewerAsync(Context.User!, Context.ConnectionAborted)).CanSee(e)) return null;
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(evenement), Context.ConnectionAborted);
        return await EventLive.SeatsAsync(db, evenement, Context.ConnectionAborted);
    }
}

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

    public static async Task<LiveSeats> SeatsAsync(PortalDbContext db, int eventId, CancellationToken ct)
    {
        var left = await db.Set<Event>().AcrossSections().Where(e => e.Id == eventId).Select(e => e.Capacity - e.Taken).FirstOrDefaultAsync(ct);
        var workshops = await db.Set<Workshop>().Where(w => w.EventId == eventId).Select(w => new { w.Id, Left = w.Capacity - w.Taken }).ToListAsync(ct);
        return new LiveSeats(eventId, Math.Max(0, left), workshops.ToDictionary(w => w.Id, w => Math.Max(0, w.Left)));
    }
}
