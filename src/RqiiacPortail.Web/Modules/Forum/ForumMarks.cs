using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// A member's own marks on the forum's pages kept for their kind of reader: threads with replies they have not
/// read, the categories they follow, the sections where they are suspended from posting. Each is one statement for
/// the keys a page shows.
/// </summary>
internal static class ForumMarks
{
    public const string Unread = "forum-non-lu";
    public const string FollowedCategory = "forum-categorie-suivie";
    public const string Suspended = "forum-suspension";
    public const string Thanked = "forum-merci";
    public const string Flagged = "forum-signale";
    public const string FollowedThread = "forum-sujet-suivi";

    /// <summary>A category's page is kept for a kind of reader, but a member with a thread of theirs waiting there reads their own.</summary>
    public const string CategoryVary = "forum-categorie";

    /// <summary>
    /// A thread's page is kept for a kind of reader; a member who wrote in the thread (their own posts carry their
    /// own actions, waiting ones show to them alone) or who may not post in its section now reads their own.
    /// </summary>
    public const string ThreadVary = "forum-sujet";

    public static void Register(IServiceCollection services)
    {
        services.AddPersonalMark<UnreadThreads>();
        services.AddPersonalMark<FollowedCategories>();
        services.AddPersonalMark<Suspensions>();
        services.AddPersonalMark<ThankedPosts>();
        services.AddPersonalMark<FlaggedPosts>();
        services.AddPersonalMark<FollowedThreads>();
        services.Configure<KeptPagesOptions>(o => o.Vary[ThreadVary] = async context =>
        {
            // The address matched the id-slug constraint before any filter ran.
            if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me || context.GetRouteValue("cle") is not string key) return null;
            var id = Infrastructure.Web.IdSlugConstraint.Id(key);
            var db = context.RequestServices.GetRequiredService<PortalDbContext>();
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var own = await db.Set<ForumThread>().IgnoreQueryFilters().Where(t => t.Id == id)
                .Select(t => db.Set<ForumPost>().Any(p => p.ThreadId == t.Id && p.AuthorId == me)
                    || db.Set<ForumSuspension>().Any(s => s.UserId == me && s.Until > now && (s.SectionId == null || s.SectionId == t.SectionId)))
                .FirstOrDefaultAsync(context.RequestAborted);
            return own ? "membre:" + me : "";
        });
        services.Configure<KeptPagesOptions>(o => o.Vary[CategoryVary] = async context =>
        {
            if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me || context.GetRouteValue("categorie") is not string slug) return null;
            var services = context.RequestServices;
            var category = (await services.GetRequiredService<ForumQueries>().AllCategoriesAsync(context.RequestAborted)).FirstOrDefault(c => c.Slug == slug);
            if (category is null) return "";
            var waiting = await services.GetRequiredService<PortalDbContext>().Set<ForumThread>().IgnoreQueryFilters()
                .AnyAsync(t => t.CategoryId == category.Id && t.AuthorId == me && t.Status != ThreadStatus.Published, context.RequestAborted);
            return waiting ? "auteur:" + me : "";
        });
    }

    private static List<int> Ids(IReadOnlyCollection<string> keys) =>
        keys.Select(k => int.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();

    private static IReadOnlySet<string> Keys(IEnumerable<int> ids) => ids.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToHashSet();

    /// <summary>Threads with a post past how far the member read (or never opened), as the lists mark them.</summary>
    private sealed class UnreadThreads(PortalDbContext db) : IPersonalMark
    {
        public string Name => Unread;

        public async Task<IReadOnlySet<string>> HoldingAsync(string userId, IReadOnlyCollection<string> keys, CancellationToken ct)
        {
            var ids = Ids(keys);
            var threads = db.Set<ForumThread>().IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.Id));
            return Keys(await threads.Where(t => !db.Set<ForumThreadRead>().Any(r => r.UserId == userId && r.ThreadId == t.Id && r.LastPostId >= (t.LastPostId ?? 0)))
                .Select(t => t.Id).ToListAsync(ct));
        }
    }

    private sealed class FollowedCategories(PortalDbContext db) : IPersonalMark
    {
        public string Name => FollowedCategory;

        public async Task<IReadOnlySet<string>> HoldingAsync(string userId, IReadOnlyCollection<string> keys, CancellationToken ct)
        {
            var ids = Ids(keys);
            return Keys(await db.Set<ForumCategoryFollow>().Where(f => f.UserId == userId && ids.Contains(f.CategoryId)).Select(f => f.CategoryId).ToListAsync(ct));
        }
    }

    private sealed class ThankedPosts(PortalDbContext db) : IPersonalMark
    {
        public string Name => Thanked;

        public async Task<IReadOnlySet<string>> HoldingAsync(string userId, IReadOnlyCollection<string> keys, CancellationToken ct)
        {
            var ids = Ids(keys);
            return Keys(await db.Set<ForumPostThanks>().Where(t => t.UserId == userId && ids.Contains(t.PostId)).Select(t => t.PostId).ToListAsync(ct));
        }
    }

    private sealed class FlaggedPosts(PortalDbContext db) : IPersonalMark
    {
        public string Name => Flagged;

        public async Task<IReadOnlySet<string>> HoldingAsync(string userId, IReadOnlyCollection<string> keys, CancellationToken ct)
        {
            var ids = Ids(keys);
            return Keys(await db.Set<ForumPostFlag>().Where(f => f.UserId == userId && ids.Contains(f.PostId)).Select(f => f.PostId).ToListAsync(ct));
        }
    }

    private sealed class FollowedThreads(PortalDbContext db) : IPersonalMark
    {
        public string Name => FollowedThread;

        public async Task<IReadOnlySet<string>> HoldingAsync(string userId, IReadOnlyCollection<string> keys, CancellationToken ct)
        {
            var ids = Ids(keys);
            return Keys(await db.Set<ForumThreadFollow>().Where(f => f.UserId == userId && ids.Contains(f.ThreadId)).Select(f => f.ThreadId).ToListAsync(ct));
        }
    }

    /// <summary>Sections (by id) where the member may not post now: a suspension there or everywhere, still running.</summary>
    private sealed class Suspensions(PortalDbContext db, TimeProvider clock) : IPersonalMark
    {
        public string Name => Suspended;

        public async Task<IReadOnlySet<string>> HoldingAsync(string userId, IReadOnlyCollection<string> keys, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var where = await db.Set<ForumSuspension>().Where(s => s.UserId == userId && s.Until > now).Select(s => s.SectionId).ToListAsync(ct);
            return where.Contains(null) ? Keys(Ids(keys)) : Keys(Ids(keys).Where(id => where.Contains(id)));
        }
    }
}
