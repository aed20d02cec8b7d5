using System.Security.Claims;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>The threads opened in a period that a visitor may read, for the bulletin's « Dans le réseau ».</summary>
internal sealed class ForumNews(ForumQueries queries, ForumAccess access, ISectionCatalog catalog) : INewsSource
{
    public async Task<IReadOnlyList<NewsItem>> NewsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var visitor = await access.ReaderAsync(new ClaimsPrincipal(new ClaimsIdentity()));
        var sections = await catalog.GetAllAsync(ct);
        return (await queries.LatestAsync(null, visitor, 100, ct))
            .Where(r => r.Thread.CreatedAt >= from && r.Thread.CreatedAt < to)
            .OrderByDescending(r => r.Thread.CreatedAt)
            .Select(r => new NewsItem("Discussion", r.Thread.Title,
                $"{sections.FirstOrDefault(s => s.Id == r.Thread.SectionId)?.PathPrefix}/forum/sujets/{IdSlugConstraint.Key(r.Thread.Id, r.Thread.Title)}", r.Thread.CreatedAt))
            .ToList();
    }
}
