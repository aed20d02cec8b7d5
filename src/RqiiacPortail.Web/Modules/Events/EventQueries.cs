using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>Which events a list shows: a section's own; nationally, the national ones and every section's public ones.</summary>
public sealed class EventQueries(PortalDbContext db, TimeProvider clock)
{
    public IQueryable<Event> Listed(SectionInfo section, EventViewer viewer)
    {
        var query = db.Set<Event>().AcrossSections().AsNoTracking();
        query = section.IsNational ? query.Where(e => e.SectionId == section.Id || !e.MembersOnly) : query.Where(e => e.SectionId == section.Id);
        // Drafts are listed for their organizers only.
        var organizes = viewer.Organizes.ToList();
        return viewer.OrganizesAll ? query : query.Where(e => e.State != EventState.Draft || organizes.Contains(e.SectionId));
    }

    public Task<List<Event>> UpcomingAsync(SectionInfo section, EventViewer viewer, int take, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return Listed(section, viewer).Where(e => e.EndsAt > now).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(take).ToListAsync(ct);
    }

    public async Task<(List<Event> Events, int Total)> PastAsync(SectionInfo section, EventViewer viewer, int page, int size, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = Listed(section, viewer).Where(e => e.EndsAt <= now);
        return (await query.OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct), await query.CountAsync(ct));
    }

    /// <summary>The public feed: published and cancelled events from 90 days back (a calendar keeps what it already showed).</summary>
    public Task<List<Event>> FeedAsync(SectionInfo section, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-90);
        return Listed(section, EventViewer.Visitor).Where(e => e.State != EventState.Draft && e.EndsAt > since)
            .OrderBy(e => e.StartsAt).Take(500).ToListAsync(ct);
    }
}
