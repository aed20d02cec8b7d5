using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>What the forum's pages read, each list already cut to what the reader may see.</summary>
public sealed class ForumQueries(PortalDbContext db, ForumAuthors authors, GenerationalCache cache)
{
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
        var ids = categories.Select(c => c.Id).ToList();
        var stats = await db.Set<ForumThread>().AcrossSections().Where(t => t.Status == ThreadStatus.Published && ids.Contains(t.CategoryId))
            .GroupBy(t => t.CategoryId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(t => t.LastPostAt) }).ToDictionaryAsync(s => s.Key, ct);
        return categories.Select(c => stats.TryGetValue(c.Id, out var s) ? new CategoryRow(c, s.Count, s.Last) : new CategoryRow(c, 0, null)).ToList();
    }

    /// <summary>A category's threads the reader may see, pinned first, then by latest activity.</summary>
    public async Task<(IReadOnlyList<ThreadRow> Rows, int Total)> ThreadsAsync(ForumCategory category, ForumReader reader, int page, int size, CancellationToken ct)
    {
        var query = Visible(db.Set<ForumThread>().AcrossSections().AsNoTracking().Where(t => t.CategoryId == category.Id), reader, category.SectionId);
        var total = await query.CountAsync(ct);
        var threads = await query.OrderByDescending(t => t.IsPinned).ThenByDescending(t => t.LastPostAt).ThenByDescending(t => t.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return (await RowsAsync(threads, reader, ct), total);
    }

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
    /// One page of a thread's posts as this reader sees them (waiting posts only for their author and moderators);
    /// a page past the end shows the last one.
    /// </summary>
    public async Task<PostPage> PostsAsync(ForumThread thread, ForumReader reader, int page, int size, CancellationToken ct)
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

    /// <summary>Which of these posts the member thanked.</summary>
    public async Task<IReadOnlySet<int>> ThankedAsync(string? userId, IReadOnlyCollection<int> postIds, CancellationToken ct) =>
        userId is null || postIds.Count == 0 ? new HashSet<int>()
            : (await db.Set<ForumPostThanks>().Where(t => t.UserId == userId && postIds.Contains(t.PostId)).Select(t => t.PostId).ToListAsync(ct)).ToHashSet();

    /// <summary>Which of these posts the member flagged.</summary>
    public async Task<IReadOnlySet<int>> FlaggedAsync(string? userId, IReadOnlyCollection<int> postIds, CancellationToken ct) =>
        userId is null || postIds.Count == 0 ? new HashSet<int>()
            : (await db.Set<ForumPostFlag>().Where(t => t.UserId == userId && postIds.Contains(t.PostId)).Select(t => t.PostId).ToListAsync(ct)).ToHashSet();

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
