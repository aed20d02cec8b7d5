using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Modules.Bulletin;

public static class BulletinPermissions
{
    /// <summary>Write, preview and publish issues; read the drafts: the board.</summary>
    public static readonly Permission Publish = new("bulletin.publish", "Rédiger et publier le bulletin", [], [Members.Contracts.Roles.Board]);
}

/// <summary>
/// What readers find of the bulletin: the published issues, newest first, and one issue with its articles. A draft
/// is the board's: anyone else is told it does not exist.
/// </summary>
public sealed class BulletinArchive(PortalDbContext db, IAuthorizationService authorization)
{
    /// <summary>An issue in a list: no cover, no articles' bodies.</summary>
    public sealed record Entry(int Number, string Title, DateOnly IssuedOn, IReadOnlyList<string> Articles, DateTimeOffset UpdatedAt);

    public async Task<IReadOnlyList<Entry>> PublishedAsync(int? take, CancellationToken ct)
    {
        var query = db.Set<BulletinIssue>().AsNoTracking().Where(i => i.State == IssueState.Published)
            .OrderByDescending(i => i.IssuedOn).ThenByDescending(i => i.Number).AsQueryable();
        if (take is { } n) query = query.Take(n);
        var issues = await query.Select(i => new
        {
            i.Number, i.Title, i.IssuedOn, i.UpdatedAt,
            Articles = i.Articles.OrderBy(a => a.Position).Select(a => a.Title).ToList(),
        }).ToListAsync(ct);
        return issues.Select(i => new Entry(i.Number, i.Title, i.IssuedOn, i.Articles, i.UpdatedAt)).ToList();
    }

    /// <returns>The issue with its articles in order, or null when there is none this reader may read.</returns>
    public async Task<BulletinIssue?> IssueAsync(ClaimsPrincipal reader, int number, CancellationToken ct)
    {
        var issue = await db.Set<BulletinIssue>().AsNoTracking().Include(i => i.Articles).Include(i => i.Network).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Number == number, ct);
        if (issue is null) return null;
        if (issue.State != IssueState.Published && !await authorization.CanAsync(reader, BulletinPermissions.Publish)) return null;
        issue.Articles = issue.Articles.OrderBy(a => a.Position).ToList();
        issue.Network = issue.Network.OrderBy(n => n.Position).ToList();
        return issue;
    }

    /// <summary>« n° 42 · 15 septembre 2026 ».</summary>
    public static string Caption(int number, DateOnly issuedOn) =>
        $"n° {number} · {(issuedOn.Day == 1 ? "1er" : issuedOn.Day.ToString(Infrastructure.Text.FrenchText.Culture))}{issuedOn.ToString(" MMMM yyyy", Infrastructure.Text.FrenchText.Culture)}";

    /// <summary>The anchor of an article in its issue's page (and the Atom entry's links).</summary>
    public static string ArticleAnchor(BulletinArticle article) => $"article-{article.Position + 1}";
}
