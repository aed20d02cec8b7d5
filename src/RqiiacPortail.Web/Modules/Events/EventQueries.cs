using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// Which events a list shows: a section's own; nationally, every region's with the national ones (DESIGN: the national
/// site gathers the regions'), optionally one region's. Registering for a members' event is the event page's rule.
/// </summary>
public sealed class EventQueries(PortalDbContext db, TimeProvider clock)
{
    /// <param name="region">Nationally, only this section's events.</param>
    public IQueryable<Event> Listed(SectionInfo section, EventViewer viewer, int? region = null)
    {
        var query = db.Set<Event>().AcrossSections().AsNoTracking();
        if (!section.IsNational) query = query.Where(e => e.SectionId == section.Id);
        else if (region is { } only) query = query.Where(e => e.SectionId == only);
        // Drafts are listed for their organizers only.
        var organizes = viewer.Organizes.ToList();
        return viewer.OrganizesAll ? query : query.Where(e => e.State != EventState.Draft || organizes.Contains(e.SectionId));
    }

    public Task<List<Event>> UpcomingAsync(SectionInfo section, EventViewer viewer, int take, CancellationToken ct, int? region = null)
    {
        var now = clock.GetUtcNow();
        return Listed(section, viewer, region).Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(take).ToListAsync(ct);
    }

    public async Task<(List<Event> Events, int Total)> PastAsync(SectionInfo section, EventViewer viewer, int page, int size, CancellationToken ct, int? region = null)
    {
        var now = clock.GetUtcNow();
        var query = Listed(section, viewer, region).Where(e => e.EndsAt <= now);
        return (await query.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct), await query.CountAsync(ct));
    }

    /// <summary>A member's registrations with their events, newest event first.</summary>
    public Task<List<(Event Event, Registration Registration)>> OfMemberAsync(string userId, CancellationToken ct) =>
        (from r in db.Set<Registration>().AsNoTracking()
         join e in db.Set<Event>().AcrossSections().AsNoTracking() on r.EventId equals e.Id
         where r.UserId == userId
         orderby e.StartsAt descending
         select new ValueTuple<Event, Registration>(e, r)).Take(200).ToListAsync(ct);

    /// <summary>The organizer's list: events of these sections, drafts included, with how many wait for a seat.</summary>
    public async Task<List<(Event Event, int Waiting)>> OrganizedAsync(IReadOnlyCollection<int> sectionIds, CancellationToken ct)
    {
        var events = await db.Set<Event>().AcrossSections().AsNoTracking().Where(e => sectionIds.Contains(e.SectionId))
            .OrderByDescending(e => e.StartsAt).Take(300).ToListAsync(ct);
        var eventIds = events.Select(e => e.Id).ToList();
        var waiting = await db.Set<Registration>().Where(r => eventIds.Contains(r.EventId) && r.Status == RegistrationStatus.Waitlisted)
            .GroupBy(r => r.EventId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return events.Select(e => (e, waiting.GetValueOrDefault(e.Id))).ToList();
    }

    /// <summary>The public feed: published and cancelled events from 90 days back (a calendar keeps what it already showed).</summary>
    public Task<List<Event>> FeedAsync(SectionInfo section, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-90);
        return Listed(section, EventViewer.Visitor).Where(e => e.State != EventState.Draft && e.EndsAt > since)
            .OrderBy(e => e.StartsAt).Take(500).ToListAsync(ct);
    }
}
