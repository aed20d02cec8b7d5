using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// The events announced in a period that a visitor may see and that are still to come, for the bulletin's « Dans le
/// réseau » (an event already over is no news to a reader).
/// </summary>
internal sealed class EventNews(EventQueries queries, ISectionCatalog catalog) : INewsSource
{
    public async Task<IReadOnlyList<NewsItem>> NewsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var sections = await catalog.GetAllAsync(ct);
        var national = sections.First(s => s.IsNational);
        return (await queries.UpcomingAsync(national, EventViewer.Visitor, 100, ct))
            .Where(e => e.CreatedAt >= from && e.CreatedAt < to)
            .Select(e => new NewsItem("Événement", e.Title,
                $"{sections.FirstOrDefault(s => s.Id == e.SectionId)?.PathPrefix}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}", e.CreatedAt))
            .ToList();
    }
}
