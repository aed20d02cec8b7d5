using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// An event's page is kept for a kind of reader by the seats' period (<see cref="EventsModule.SeatsShownFor"/>); a
/// member registered to it reads their own copy, made again as their registration moves (confirmed, offered a
/// seat, waiting), since the page tells them where they stand.
/// </summary>
internal static class EventPagesVary
{
    public const string OneEvent = "evenements-fiche";

    public static async ValueTask<string?> OwnRegistrationAsync(HttpContext context)
    {
        var period = EventsModule.SeatsPeriodOf(context);
        // The address matched the id-slug constraint before any filter ran.
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me || context.GetRouteValue("cle") is not string key) return period;
        var id = IdSlugConstraint.Id(key);
        var mine = await context.RequestServices.GetRequiredService<PortalDbContext>().Set<Registration>().AsNoTracking()
            .Where(r => r.EventId == id && r.UserId == me && r.ActiveEmail != null)
            .Select(r => new { r.Id, r.Status, r.EmailConfirmed, r.HoldUntil }).FirstOrDefaultAsync(context.RequestAborted);
        return mine is null ? period
            : string.Create(CultureInfo.InvariantCulture, $"{period}|inscrit:{me}:{mine.Id}:{mine.Status}:{mine.EmailConfirmed}:{mine.HoldUntil?.UtcTicks}");
    }
}
