using System.Security.Claims;
using RqiiacPortail.Web.Modules.Bulletin.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>The tools published in a period that a visitor may open, for the bulletin's « Dans le réseau ».</summary>
internal sealed class ToolNews(ToolCatalog tools, ToolAccess access, ISectionCatalog catalog) : INewsSource
{
    public async Task<IReadOnlyList<NewsItem>> NewsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var visitor = await access.ReaderAsync(new ClaimsPrincipal(new ClaimsIdentity()));
        var sections = await catalog.GetAllAsync(ct);
        var published = await tools.PublishedAsync(ct);
        return published.Newest
            .Where(t => (t.PublishedAt ?? t.CreatedAt) >= from && (t.PublishedAt ?? t.CreatedAt) < to && visitor.CanView(t))
            .Select(t => new NewsItem("Outil", t.Title, $"{sections.FirstOrDefault(s => s.Id == t.SectionId)?.PathPrefix}/outils/{published.KeyOf(t)}", t.PublishedAt ?? t.CreatedAt))
            .ToList();
    }
}
