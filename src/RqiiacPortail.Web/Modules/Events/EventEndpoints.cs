using System.Text;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>The iCalendar feeds: a section's public events, and each member's private feed of their own registrations.</summary>
internal static class EventEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/evenements/calendrier.ics", async (ISectionContext section, EventQueries queries, EventCalendar calendar, PublicUrls urls,
            ISectionCatalog sections, CancellationToken ct) =>
        {
            var current = section.Current;
            if (!current.Enables(EventsModule.Feature)) return Results.NotFound();
            var all = await sections.GetAllAsync(ct);
            var entries = (await queries.FeedAsync(current, ct)).Select(e => new EventCalendar.Entry(e,
                urls.Absolute($"{all.FirstOrDefault(s => s.Id == e.SectionId)?.PathPrefix}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}"), null, e.State == EventState.Cancelled));
            var name = current.IsNational ? "Événements du RQIIAC" : $"Événements – {current.Name}";
            return Results.Text(calendar.Feed(name, entries), EventCalendar.ContentType, Encoding.UTF8);
        });

        // The secret is the whole of the address's protection: a wrong one and a renewed one answer alike, 404.
        app.MapGet("/evenements/calendrier/{secret}.ics", async (string secret, PortalDbContext db, CalendarKeys keys, EventCalendar calendar, PublicUrls urls,
            ISectionCatalog sections, HttpResponse response, CancellationToken ct) =>
        {
            // One person's events, at an address that is its own key: kept by no cache, shared or the browser's.
            response.Headers.CacheControl = "no-store";
            if (secret.Length > Registration.CodeLength) return Results.NotFound();
            if (await keys.OwnerOfAsync(secret, ct) is not { } owner) return Results.NotFound();
            var all = await sections.GetAllAsync(ct);
            var mine = await (from r in db.Set<Registration>().AsNoTracking()
                              join e in db.Set<Event>().AcrossSections().AsNoTracking() on r.EventId equals e.Id
                              where r.UserId == owner && r.ActiveEmail != null && r.Status == RegistrationStatus.Confirmed
                              orderby e.StartsAt
                              select e).Take(500).ToListAsync(ct);
            var entries = mine.Select(e => new EventCalendar.Entry(e,
                urls.Absolute($"{all.FirstOrDefault(s => s.Id == e.SectionId)?.PathPrefix}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}"), e.OnlineLink,
                e.State == EventState.Cancelled));
            return Results.Text(calendar.Feed("Mes événements RQIIAC", entries), EventCalendar.ContentType, Encoding.UTF8);
        });
    }
}
