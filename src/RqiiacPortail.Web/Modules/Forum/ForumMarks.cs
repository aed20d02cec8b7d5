using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// A member's own marks on the forum's pages kept for their kind of reader — threads with replies they have not
/// read, the categories and threads they follow, the posts they thanked or flagged, the sections where they are
/// suspended from posting — read in one statement for the keys a page shows; and who reads a copy of their own.
/// </summary>
internal sealed class ForumMarks(PortalDbContext db, TimeProvider clock) : IPersonalMarks
{
    public const string Unread = "forum-non-lu";
    public const string FollowedCategory = "forum-categorie-suivie";
    public const string FollowedThread = "forum-sujet-suivi";
    public const string Suspended = "forum-suspension";
    public const string Thanked = "forum-merci";
    public const string Flagged = "forum-signale";

    /// <summary>A category's page is kept for a kind of reader, but a member with a thread of theirs waiting there reads their own.</summary>
    public const string CategoryVary = "forum-categorie";

    /// <summary>
    /// A thread's page is kept for a kind of reader; a member who wrote in the thread (their own posts carry their
    /// own actions, waiting ones show to them alone) or who may not post in its section now reads their own.
    /// </summary>
    public const string ThreadVary = "forum-sujet";

    private static readonly TimeSpan VaryKeptFor = TimeSpan.FromMinutes(10);

    public IReadOnlyCollection<string> Names { get; } = [Unread, FollowedCategory, FollowedThread, Suspended, Thanked, Flagged];

    public static void Register(IServiceCollection services)
    {
        services.AddPersonalMarks<ForumMarks>();
        // Whether a member reads their own copy moves only with the forum's content (a post, a waiting thread, a
        // suspension: all in the forum's cache area): kept in memory under its generation.
        services.Configure<KeptPagesOptions>(o =>
        {
            o.Vary[CategoryVary] = context => OwnCopyAsync(context, "categorie", async (db, me, slug, now, ct) =>
            {
                var category = (await context.RequestServices.GetRequiredService<ForumQueries>().AllCategoriesAsync(ct)).FirstOrDefault(c => c.Slug == slug);
                return category is not null && await db.Set<ForumThread>().IgnoreQueryFilters()
                    .AnyAsync(t => t.CategoryId == category.Id && t.AuthorId == me && t.Status != ThreadStatus.Published, ct);
            });
            o.Vary[ThreadVary] = context => OwnCopyAsync(context, "cle", (db, me, key, now, ct) =>
            {
                // The address matched the id-slug constraint before any filter ran.
                var id = Infrastructure.Web.IdSlugConstraint.Id(key);
                return db.Set<ForumThread>().IgnoreQueryFilters().Where(t => t.Id == id)
                    .Select(t => db.Set<ForumPost>().Any(p => p.ThreadId == t.Id && p.AuthorId == me)
                        || db.Set<ForumSuspension>().Any(s => s.UserId == me && s.Until > now && (s.SectionId == null || s.SectionId == t.SectionId)))
                    .FirstOrDefaultAsync(ct);
            });
        });
    }

    private static async ValueTask<string?> OwnCopyAsync(HttpContext context, string routeValue,
        Func<PortalDbContext, string, string, DateTimeOffset, CancellationToken, Task<bool>> own)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me || context.GetRouteValue(routeValue) is not string value) return null;
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var mine = await services.GetRequiredService<GenerationalCache>().GetOrLoadAsync($"forum:copie-personnelle:{routeValue}:{value}:{me}", [ForumModule.Area],
            (sp, ct) => own(sp.GetRequiredService<PortalDbContext>(), me, value, now, ct), VaryKeptFor, context.RequestAborted);
        return mine ? "membre:" + me : "";
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> HoldingAsync(string userId, ILookup<string, string> asked, CancellationToken ct)
    {
        List<int> Ids(string mark) => asked[mark].Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        var (unread, categories, threads, sections, thanked, flagged) = (Ids(Unread), Ids(FollowedCategory), Ids(FollowedThread), Ids(Suspended), Ids(Thanked), Ids(Flagged));
        var now = clock.GetUtcNow();
        // One statement, of the parts the page asks for only (each shape is compiled once by EF).
        var parts = new List<IQueryable<Row>>();
        if (unread.Count > 0)
            parts.Add(db.Set<ForumThread>().IgnoreQueryFilters()
                .Where(t => unread.Contains(t.Id) && !db.Set<ForumThreadRead>().Any(r => r.UserId == userId && r.ThreadId == t.Id && r.LastPostId >= (t.LastPostId ?? 0)))
                .Select(t => new Row { Kind = 0, Key = t.Id }));
        if (categories.Count > 0)
            parts.Add(db.Set<ForumCategoryFollow>().Where(f => f.UserId == userId && categories.Contains(f.CategoryId)).Select(f => new Row { Kind = 1, Key = f.CategoryId }));
        if (threads.Count > 0)
            parts.Add(db.Set<ForumThreadFollow>().Where(f => f.UserId == userId && threads.Contains(f.ThreadId)).Select(f => new Row { Kind = 2, Key = f.ThreadId }));
        if (sections.Count > 0)
            parts.Add(db.Set<ForumSuspension>().Where(s => s.UserId == userId && s.Until > now && (s.SectionId == null || sections.Contains(s.SectionId.Value)))
                .Select(s => new Row { Kind = 3, Key = s.SectionId ?? 0 }));
        if (thanked.Count > 0)
            parts.Add(db.Set<ForumPostThanks>().Where(t => t.UserId == userId && thanked.Contains(t.PostId)).Select(t => new Row { Kind = 4, Key = t.PostId }));
        if (flagged.Count > 0)
            parts.Add(db.Set<ForumPostFlag>().Where(f => f.UserId == userId && flagged.Contains(f.PostId)).Select(f => new Row { Kind = 5, Key = f.PostId }));
        var rows = parts.Count == 0 ? [] : await parts.Skip(1).Aggregate(parts[0], (all, part) => all.Concat(part)).AsNoTracking().ToListAsync(ct);
        string[] names = [Unread, FollowedCategory, FollowedThread, Suspended, Thanked, Flagged];
        var holding = asked.ToDictionary(g => g.Key, _ => (IReadOnlySet<string>)new HashSet<string>());
        foreach (var row in rows)
        {
            if (!holding.TryGetValue(names[row.Kind], out var keys)) continue;
            // A suspension everywhere holds for every section the page asks about.
            if (row.Kind == 3 && row.Key == 0) ((HashSet<string>)keys).UnionWith(sections.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            else ((HashSet<string>)keys).Add(row.Key.ToString(CultureInfo.InvariantCulture));
        }
        return holding;
    }

    private sealed class Row
    {
        public int Kind { get; init; }
        public int Key { get; init; }
    }
}
