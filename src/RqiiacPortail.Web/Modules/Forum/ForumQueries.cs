using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>What the forum's pages read, each list already cut to what the reader may see.</summary>
public sealed class ForumQueries(PortalDbContext db, ForumAuthors authors, GenerationalCache cache, TimeProvider clock)
{
    /// <summary>How long the forum's copies stay before they are read again though nothing changed (a member's new name shows by then).</summary>
    private static readonly TimeSpan SnapshotLifetime = TimeSpan.FromMinutes(5);

    public sealed record CategoryRow(ForumCategory Category, int Threads, DateTimeOffset? LastActivity);

    public sealed record ThreadRow(ForumThread Thread, string Author, bool Unread);

    /// <param name="Page">The page shown: the one asked for, kept within the thread.</param>
    public sealed record PostPage(IReadOnlyList<ForumPost> Posts, int Total, int Page, int Pages, ForumAuthors.Names Names);

    /// <summary>Every category, from memory until one changes (on any instance), by section then position.</summary>
    public Task<IReadOnlyList<ForumCategory>> AllCategoriesAsync(CancellationToken ct) =>
        cache.GetOrLoadAsync<IReadOnlyList<ForumCategory>>("forum:categories", [ForumModule.CategoriesArea], async (sp, token) =>
            await sp.GetRequiredService<PortalDbContext>().Set<ForumCategory>().AcrossSections().AsNoTracking()
                .OrderBy(c => c.Position).ThenBy(c => c.Name).ToListAsync(token), TimeSpan.FromHours(1), ct);

    /// <summary>The categories of these sections the reader may read, with their published threads' count and latest activity.</summary>
    public async Task<IReadOnlyList<CategoryRow>> CategoriesAsync(IReadOnlyCollection<int>? sectionIds, ForumReader reader, CancellationToken ct)
    {
        var categories = (await AllCategoriesAsync(ct)).Where(c => (sectionIds is null || sectionIds.Contains(c.SectionId)) && reader.CanRead(c)).ToList();
        // Published threads are the same for every reader: one copy of every category's figures.
        var stats = await cache.GetOrLoadAsync<IReadOnlyDictionary<int, (int Count, DateTimeOffset Last)>>("forum:statistiques", [ForumModule.Area], async (sp, token) =>
            await sp.GetRequiredService<PortalDbContext>().Set<ForumThread>().AcrossSections().Where(t => t.Status == ThreadStatus.Published)
                .GroupBy(t => t.CategoryId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(t => t.LastPostAt) })
                .ToDictionaryAsync(s => s.Key, s => (s.Count, s.Last), token), SnapshotLifetime, ct);
        return categories.Select(c => stats.TryGetValue(c.Id, out var s) ? new CategoryRow(c, s.Count, s.Last) : new CategoryRow(c, 0, null)).ToList();
    }

    /// <summary>A page of a category's threads with what the signed-in member's own marks say of them and of the category.</summary>
    public sealed record ThreadPage(IReadOnlyList<ThreadRow> Rows, int Total, int Page, int Pages, CategoryMarks? Marks);

    /// <summary>A member's follow of the category, their suspension where it lives, their waiting threads in it, how far they read each thread.</summary>
    public sealed record CategoryMarks(bool Following, bool Suspended, bool OwnUnpublished, IReadOnlyDictionary<int, int> Read);

    /// <summary>
    /// A category's threads the reader may see, pinned first, then by latest activity; a page past the end shows the
    /// last one. The list every reader sees alike (published threads, authors' names) comes from memory; a
    /// moderator's, or that of a member with a thread of theirs waiting in the category, is read for them.
    /// </summary>
    public async Task<ThreadPage> ThreadsAsync(ForumCategory category, ForumReader reader, int page, int size, CancellationToken ct)
    {
        var me = reader.UserId;
        if (!reader.CanModerate(category.SectionId))
        {
            var shared = await SharedThreadsAsync(category.Id, page, size, ct);
            var marks = me is null ? null : await CategoryMarksAsync(me, category, ct);
            if (marks is not { OwnUnpublished: true }) return Unread(shared, marks);
        }
        var query = Visible(db.Set<ForumThread>().AcrossSections().AsNoTracking().Where(t => t.CategoryId == category.Id), reader, category.SectionId);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pages);
        var threads = await Ordered(query).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var names = await authors.ForAsync(threads.Select(t => (t.AuthorId, t.Pseudonym)), ct);
        var own = me is null ? null : await CategoryMarksAsync(me, category, ct);
        return Unread(new ThreadPage(threads.Select(t => new ThreadRow(t, names.Label(t.AuthorId, t.Pseudonym), false)).ToList(), total, page, pages, null), own);
    }

    private async Task<ThreadPage> SharedThreadsAsync(int categoryId, int page, int size, CancellationToken ct)
    {
        IQueryable<ForumThread> Published(PortalDbContext db) =>
            db.Set<ForumThread>().AcrossSections().AsNoTracking().Where(t => t.CategoryId == categoryId && t.Status == ThreadStatus.Published);
        // Kept within the category before anything is read: one copy per page that exists, never per number asked.
        var total = await cache.GetOrLoadAsync($"forum:categorie:{categoryId}:total", [ForumModule.Area], (sp, token) =>
            Published(sp.GetRequiredService<PortalDbContext>()).CountAsync(token), SnapshotLifetime, ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + size - 1) / size));
        return await cache.GetOrLoadAsync($"forum:categorie:{categoryId}:{size}:{page}", [ForumModule.Area], async (sp, token) =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var threads = await Ordered(Published(db)).Skip((page - 1) * size).Take(size).ToListAsync(token);
            var names = await sp.GetRequiredService<ForumAuthors>().ForAsync(threads.Select(t => (t.AuthorId, t.Pseudonym)), token);
            var now = await Published(db).CountAsync(token);
            return new ThreadPage(threads.Select(t => new ThreadRow(t, names.Label(t.AuthorId, t.Pseudonym), false)).ToList(),
                now, page, Math.Max(1, (now + size - 1) / size), null);
        }, SnapshotLifetime, ct);
    }

    private static IQueryable<ForumThread> Ordered(IQueryable<ForumThread> threads) =>
        threads.OrderByDescending(t => t.IsPinned).ThenByDescending(t => t.LastPostAt).ThenByDescending(t => t.Id);

    private static ThreadPage Unread(ThreadPage page, CategoryMarks? marks) => marks is null ? page : page with
    {
        Marks = marks,
        Rows = page.Rows.Select(r => r with { Unread = !marks.Read.TryGetValue(r.Thread.Id, out var last) || last < (r.Thread.LastPostId ?? 0) }).ToList(),
    };

    /// <summary>The member's marks on a category and its threads, in one statement.</summary>
    private async Task<CategoryMarks> CategoryMarksAsync(string userId, ForumCategory category, CancellationToken ct)
    {
        var rows = await CategoryMarksQuery(db, userId, category.Id, category.SectionId, clock.GetUtcNow()).ToListAsync(ct);
        return new CategoryMarks(rows.Any(r => r.Kind == MarkKind.Following), rows.Any(r => r.Kind == MarkKind.Suspended), rows.Any(r => r.Kind == MarkKind.OwnUnpublished),
            rows.Where(r => r.Kind == MarkKind.Read).ToDictionary(r => r.Key, r => r.Value));
    }

    // Scalar parameters only: the statement's SQL is made once and kept by EF (a list of ids made it again at each
    // request). The read marks and thanks of a whole thread or category are few: a member's own.
    // (Not EF.CompileAsyncQuery: a compiled query belongs to one model, and the tests run both providers in one process.)
    private static IQueryable<Mark> CategoryMarksQuery(PortalDbContext db, string userId, int categoryId, int sectionId, DateTimeOffset now) =>
            db.Set<ForumThreadRead>().Where(r => r.UserId == userId && db.Set<ForumThread>().IgnoreQueryFilters().Any(t => t.Id == r.ThreadId && t.CategoryId == categoryId))
                .Select(r => new Mark { Kind = MarkKind.Read, Key = r.ThreadId, Value = r.LastPostId })
            .Concat(db.Set<ForumCategoryFollow>().Where(f => f.UserId == userId && f.CategoryId == categoryId).Select(f => new Mark { Kind = MarkKind.Following, Key = f.CategoryId, Value = 0 }))
            .Concat(db.Set<ForumThread>().IgnoreQueryFilters().Where(t => t.CategoryId == categoryId && t.AuthorId == userId && t.Status != ThreadStatus.Published)
                .Select(t => new Mark { Kind = MarkKind.OwnUnpublished, Key = t.Id, Value = 0 }))
            .Concat(db.Set<ForumSuspension>().Where(s => s.UserId == userId && s.Until > now && (s.SectionId == null || s.SectionId == sectionId))
                .Select(s => new Mark { Kind = MarkKind.Suspended, Key = s.Id, Value = 0 }));

    private static IQueryable<Mark> ThreadMarksQuery(PortalDbContext db, string userId, int threadId, int sectionId, DateTimeOffset now) =>
            db.Set<ForumPostThanks>().Where(t => t.UserId == userId && db.Set<ForumPost>().Any(p => p.Id == t.PostId && p.ThreadId == threadId))
                .Select(t => new Mark { Kind = MarkKind.Thanked, Key = t.PostId, Value = 0 })
            .Concat(db.Set<ForumPostFlag>().Where(f => f.UserId == userId && db.Set<ForumPost>().Any(p => p.Id == f.PostId && p.ThreadId == threadId))
                .Select(f => new Mark { Kind = MarkKind.Flagged, Key = f.PostId, Value = 0 }))
            .Concat(db.Set<ForumThreadFollow>().Where(f => f.UserId == userId && f.ThreadId == threadId).Select(f => new Mark { Kind = MarkKind.Following, Key = f.ThreadId, Value = 0 }))
            .Concat(db.Set<ForumThreadRead>().Where(r => r.UserId == userId && r.ThreadId == threadId).Select(r => new Mark { Kind = MarkKind.Read, Key = r.ThreadId, Value = r.LastPostId }))
            .Concat(db.Set<ForumPost>().Where(p => p.ThreadId == threadId && p.AuthorId == userId && (p.Status == PostStatus.Pending || p.Status == PostStatus.Rejected))
                .Select(p => new Mark { Kind = MarkKind.OwnUnpublished, Key = p.Id, Value = 0 }))
            .Concat(db.Set<ForumSuspension>().Where(s => s.UserId == userId && s.Until > now && (s.SectionId == null || s.SectionId == sectionId))
                .Select(s => new Mark { Kind = MarkKind.Suspended, Key = s.Id, Value = 0 }));

    /// <summary>The latest threads the reader may read, in these sections' categories (all when null).</summary>
    public async Task<IReadOnlyList<ThreadRow>> LatestAsync(IReadOnlyCollection<int>? sectionIds, ForumReader reader, int take, CancellationToken ct)
    {
        var readable = (await AllCategoriesAsync(ct)).Where(c => (sectionIds is null || sectionIds.Contains(c.SectionId)) && reader.CanRead(c)).Select(c => c.Id).ToList();
        var threads = await db.Set<ForumThread>().AcrossSections().AsNoTracking()
            .Where(t => t.Status == ThreadStatus.Published && readable.Contains(t.CategoryId))
            .OrderByDescending(t => t.LastPostAt).ThenByDescending(t => t.Id).Take(take).ToListAsync(ct);
        return await RowsAsync(threads, reader, ct);
    }

    private async Task<IReadOnlyList<ThreadRow>> RowsAsync(List<ForumThread> threads, ForumReader reader, CancellationToken ct)
    {
        var names = await authors.ForAsync(threads.Select(t => (t.AuthorId, t.Pseudonym)), ct);
        var read = new Dictionary<int, int>();
        if (reader.UserId is { } me && threads.Count > 0)
        {
            var ids = threads.Select(t => t.Id).ToList();
            read = await db.Set<ForumThreadRead>().AsNoTracking().Where(r => r.UserId == me && ids.Contains(r.ThreadId))
                .ToDictionaryAsync(r => r.ThreadId, r => r.LastPostId, ct);
        }
        return threads.Select(t => new ThreadRow(t, names.Label(t.AuthorId, t.Pseudonym),
            reader.UserId is not null && (!read.TryGetValue(t.Id, out var last) || last < (t.LastPostId ?? 0)))).ToList();
    }

    /// <summary>
    /// A thread as read by its pages, from memory until anything of the forum changes (on any instance). Read-only:
    /// the copy is shared by every request; handlers that change a thread load it with <see cref="ForumService.ThreadAsync"/>.
    /// </summary>
    public Task<ForumThread?> ThreadSnapshotAsync(int id, CancellationToken ct) =>
        cache.GetOrLoadAsync($"forum:sujet:{id}", [ForumModule.Area], (sp, token) =>
            sp.GetRequiredService<PortalDbContext>().Set<ForumThread>().AcrossSections().AsNoTracking().Include(t => t.Terms).FirstOrDefaultAsync(t => t.Id == id, token),
            SnapshotLifetime, ct);

    /// <summary>
    /// One page of a thread's posts as this reader sees them (waiting posts only for their author and moderators);
    /// a page past the end shows the last one. What every reader sees alike (the published and hidden posts, their
    /// authors' names) comes from memory; a moderator's page, or the page of a member with a post of theirs still
    /// waiting or refused in the thread (<paramref name="ownUnpublished"/>), is read for them.
    /// </summary>
    public async Task<PostPage> PostsAsync(ForumThread thread, ForumReader reader, int page, int size, bool ownUnpublished, CancellationToken ct)
    {
        if (ownUnpublished || reader.CanModerate(thread.SectionId)) return await PostsAsync(thread, reader, page, size, ct);
        // The page is kept within the thread before anything is read: one copy per page that exists, never per number asked.
        var total = await cache.GetOrLoadAsync($"forum:sujet:{thread.Id}:total", [ForumModule.Area], (sp, token) =>
            Shared(sp.GetRequiredService<PortalDbContext>(), thread.Id).CountAsync(token), SnapshotLifetime, ct);
        var pages = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pages);
        return await cache.GetOrLoadAsync($"forum:sujet:{thread.Id}:{size}:{page}", [ForumModule.Area], async (sp, token) =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var posts = await Shared(db, thread.Id).OrderBy(p => p.Id).Skip((page - 1) * size).Take(size).ToListAsync(token);
            var names = await sp.GetRequiredService<ForumAuthors>().ForAsync(posts.Select(p => (p.AuthorId, p.Pseudonym)), token);
            // Counted again with the page: a copy made just after a change holds its own total, not the one read before it.
            var now = await Shared(db, thread.Id).CountAsync(token);
            return new PostPage(posts, now, page, Math.Max(1, (now + size - 1) / size), names);
        }, SnapshotLifetime, ct);
    }

    /// <summary>The posts every reader of a thread sees in their place: published, or hidden (shown as a notice).</summary>
    private static IQueryable<ForumPost> Shared(PortalDbContext db, int threadId) =>
        db.Set<ForumPost>().AsNoTracking().Where(p => p.ThreadId == threadId && (p.Status == PostStatus.Published || p.Status == PostStatus.Hidden));

    /// <summary>
    /// A member's own marks on a thread, in one statement: the posts they thanked and flagged, whether
    /// they follow it, how far they read it, whether a post of theirs in it waits or was refused, whether they are
    /// suspended where it lives.
    /// </summary>
    public async Task<MemberMarks> MarksAsync(string userId, ForumThread thread, CancellationToken ct)
    {
        var rows = await ThreadMarksQuery(db, userId, thread.Id, thread.SectionId, clock.GetUtcNow()).ToListAsync(ct);
        return new MemberMarks(
            rows.Where(r => r.Kind == MarkKind.Thanked).Select(r => r.Key).ToHashSet(),
            rows.Where(r => r.Kind == MarkKind.Flagged).Select(r => r.Key).ToHashSet(),
            rows.Any(r => r.Kind == MarkKind.Following),
            rows.Where(r => r.Kind == MarkKind.Read).Select(r => (int?)r.Value).FirstOrDefault(),
            rows.Any(r => r.Kind == MarkKind.OwnUnpublished),
            rows.Any(r => r.Kind == MarkKind.Suspended));
    }

    public sealed record MemberMarks(IReadOnlySet<int> Thanked, IReadOnlySet<int> Flagged, bool Following, int? LastRead, bool OwnUnpublished, bool Suspended);

    private enum MarkKind { Thanked, Flagged, Following, Read, OwnUnpublished, Suspended }

    /// <summary>One row of a member's marks: what it is, on what (a post, a thread), and a number (how far read).</summary>
    private sealed class Mark
    {
        public MarkKind Kind { get; init; }
        public int Key { get; init; }
        public int Value { get; init; }
    }

    private async Task<PostPage> PostsAsync(ForumThread thread, ForumReader reader, int page, int size, CancellationToken ct)
    {
        var query = VisiblePosts(thread, reader);
        var total = await query.CountAsync(ct);
        var pages = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pages);
        var posts = await query.OrderBy(p => p.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PostPage(posts, total, page, pages, await authors.ForAsync(posts.Select(p => (p.AuthorId, p.Pseudonym)), ct));
    }

    /// <summary>The page of the thread a post is on, for this reader (its permalink opens it there).</summary>
    public async Task<int> PageOfAsync(ForumThread thread, ForumReader reader, int postId, int size, CancellationToken ct) =>
        await VisiblePosts(thread, reader).CountAsync(p => p.Id < postId, ct) / size + 1;

    private IQueryable<ForumPost> VisiblePosts(ForumThread thread, ForumReader reader)
    {
        var moderates = reader.CanModerate(thread.SectionId);
        var me = reader.UserId;
        return db.Set<ForumPost>().AsNoTracking().Where(p => p.ThreadId == thread.Id
            && (moderates || p.Status == PostStatus.Published || p.Status == PostStatus.Hidden || (me != null && p.AuthorId == me)));
    }

    private static IQueryable<ForumThread> Visible(IQueryable<ForumThread> threads, ForumReader reader, int sectionId)
    {
        var moderates = reader.CanModerate(sectionId);
        var me = reader.UserId;
        return threads.Where(t => moderates || t.Status == ThreadStatus.Published || (me != null && t.AuthorId == me));
    }
}
