using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>What a member writes: the text, and the pseudonym it goes out under (where the category allows one).</summary>
/// <param name="UnderOwnName">The author of a pseudonymous thread chose, and confirmed, to sign this reply with her name.</param>
public sealed record Draft(string Body, string? Pseudonym = null, int? QuotedPostId = null, bool UnderOwnName = false);

/// <summary>
/// Writing in the forum: starting a thread, replying, editing and deleting one's own post, « Merci », flags and
/// follows. Rows first, in one transaction with the index task and the event of a post that goes out; what
/// depends on the commit (live pushes, the moderators' queue) after it.
/// </summary>
public sealed class ForumService(
    PortalDbContext db,
    IIndexQueue index,
    IEventOutbox events,
    GenerationInterceptor generations,
    ForumLive live,
    ForumPseudonyms pseudonyms,
    TimeProvider clock)
{
    public const string SearchType = "discussion";

    /// <summary>Flags from this many members hide a post until a moderator looks at it.</summary>
    public const int FlagsToHide = 3;

    public Task<ForumCategory?> CategoryAsync(string slug, CancellationToken ct) =>
        db.Set<ForumCategory>().AcrossSections().FirstOrDefaultAsync(c => c.Slug == slug, ct);

    public Task<ForumCategory?> CategoryAsync(int id, CancellationToken ct) =>
        db.Set<ForumCategory>().AcrossSections().FirstOrDefaultAsync(c => c.Id == id, ct);

    public Task<ForumThread?> ThreadAsync(int id, CancellationToken ct) =>
        db.Set<ForumThread>().AcrossSections().Include(t => t.Terms).FirstOrDefaultAsync(t => t.Id == id, ct);

    public Task<ForumPost?> PostAsync(int id, CancellationToken ct) => db.Set<ForumPost>().FirstOrDefaultAsync(p => p.Id == id, ct);

    /// <returns>Why this reader may not write here now, in French, or null.</returns>
    public async Task<string?> CannotPostAsync(ForumReader reader, ForumCategory category, ForumThread? thread, CancellationToken ct) =>
        CannotPostHere(reader, category, thread) ?? await SuspendedAsync(reader, category, ct);

    /// <returns>Why this reader may not write here whoever they are (the category, a lock), in French, or null.</returns>
    public static string? CannotPostHere(ForumReader reader, ForumCategory category, ForumThread? thread)
    {
        if (!reader.CanPostIn(category))
            return category.BoardOnly ? "Seul le conseil d'administration écrit dans cette catégorie." : "Vous ne pouvez pas écrire dans cette catégorie.";
        return thread is { IsLocked: true } && !reader.CanModerate(category.SectionId) ? "Ce sujet est verrouillé : il ne reçoit plus de réponses." : null;
    }

    /// <returns>The suspension that keeps this member from writing in the category's section now, said in French, or null.</returns>
    public async Task<string?> SuspendedAsync(ForumReader reader, ForumCategory category, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var suspension = await db.Set<ForumSuspension>().AsNoTracking()
            .Where(s => s.UserId == reader.UserId && s.Until > now && (s.SectionId == null || s.SectionId == category.SectionId))
            .OrderByDescending(s => s.Until).FirstOrDefaultAsync(ct);
        return suspension is null ? null
            : $"Vous ne pouvez pas écrire dans les discussions jusqu'au {FrenchText.DateTime(suspension.Until)} (motif : {suspension.Reason}).";
    }

    /// <summary>
    /// A pseudonym waits for a moderator until one of its holder's posts under it in the thread was approved (the
    /// thread's own, for its author); then, and for posts under one's name, a new member's first posts wait (the
    /// number the category's section sets, counting the posts approved in that section only); moderators of the
    /// section are trusted at once.
    /// </summary>
    private async Task<PostStatus> FirstStatusAsync(ForumReader reader, ForumCategory category, int? threadId, string? pseudonym, CancellationToken ct)
    {
        var pseudonymApproved = pseudonym is not null && threadId is not null && await db.Set<ForumPost>().AnyAsync(p => p.ThreadId == threadId
            && p.AuthorId == reader.UserId && p.Pseudonym == pseudonym && (p.Status == PostStatus.Published || p.Status == PostStatus.Hidden), ct);
        var (approved, required) = await FirstPostsAsync(reader, category, ct);
        return ModerationRules.FirstStatus(reader.CanModerate(category.SectionId), pseudonym is not null, pseudonymApproved, approved, required);
    }

    /// <summary>
    /// Whether this member's posts in the category's section still wait for approval: fewer of them were approved
    /// there than the section asks. Another section's rule (« 0 ») never exempts a newcomer here.
    /// </summary>
    public async Task<bool> UnderFirstPostsRuleAsync(ForumReader reader, ForumCategory category, CancellationToken ct)
    {
        var (approved, required) = await FirstPostsAsync(reader, category, ct);
        return ModerationRules.UnderFirstPostsRule(reader.CanModerate(category.SectionId), approved, required);
    }

    /// <summary>The member's approved posts in the category's section, and how many the section reads first (not counted when none).</summary>
    private async Task<(int Approved, int Required)> FirstPostsAsync(ForumReader reader, ForumCategory category, CancellationToken ct)
    {
        var required = await db.Set<ForumSectionSettings>().Where(s => s.SectionId == category.SectionId)
            .Select(s => (int?)s.FirstPostsToModerate).FirstOrDefaultAsync(ct) ?? ForumSectionSettings.DefaultFirstPostsToModerate;
        if (required <= 0 || reader.CanModerate(category.SectionId)) return (0, required);
        var threads = db.Set<ForumThread>().AcrossSections().Where(t => t.SectionId == category.SectionId).Select(t => t.Id);
        var approved = await db.Set<ForumPost>().CountAsync(p => p.AuthorId == reader.UserId
            && (p.Status == PostStatus.Published || p.Status == PostStatus.Hidden) && threads.Contains(p.ThreadId), ct);
        return (approved, required);
    }

    public async Task<(ForumThread Thread, ForumPost Post)> StartThreadAsync(ForumReader reader, ForumCategory category, string title, Draft draft,
        IReadOnlyCollection<int> termIds, bool isDilemma, CancellationToken ct)
    {
        var pseudonym = ForumPseudonyms.Of(reader, category, null, draft);
        var status = await FirstStatusAsync(reader, category, null, pseudonym, ct);
        var now = clock.GetUtcNow();
        var thread = new ForumThread
        {
            SectionId = category.SectionId, CategoryId = category.Id, Title = title.Trim(), AuthorId = reader.UserId, Pseudonym = pseudonym,
            Status = status == PostStatus.Published ? ThreadStatus.Published : ThreadStatus.Pending, IsDilemma = isDilemma && category.AllowsPseudonyms,
            CreatedAt = now, LastPostAt = now,
        };
        thread.Terms.AddRange(termIds.Distinct().Select(t => new ForumThreadTerm { TermId = t }));
        var post = new ForumPost { AuthorId = reader.UserId, Pseudonym = pseudonym, Body = draft.Body.Trim(), IsFirst = true, Status = status, CreatedAt = now };
        await db.InTransactionAsync(async tx =>
        {
            db.Add(thread);
            await db.SaveChangesAsync(ct);
            post.ThreadId = thread.Id;
            db.Add(post);
            await db.SaveChangesAsync(ct);
            thread.LastPostId = post.Id;
            if (pseudonym is not null) await pseudonyms.ClaimAsync(thread.Id, reader.UserId!, pseudonym, ct);
            await FollowAsync(thread.Id, reader.UserId!, ct);
            if (status == PostStatus.Published) WentOut(post);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
        await MarkReadAsync(reader.UserId!, thread.Id, post.Id, ct);
        await live.ChangedAsync(thread, post, isNew: true, ct);
        return (thread, post);
    }

    /// <exception cref="PseudonymTakenException">Another person holds the pseudonym in this thread.</exception>
    public async Task<ForumPost> ReplyAsync(ForumReader reader, ForumThread thread, ForumCategory category, Draft draft, CancellationToken ct)
    {
        var pseudonym = ForumPseudonyms.Of(reader, category, thread, draft);
        var post = new ForumPost
        {
            ThreadId = thread.Id, AuthorId = reader.UserId, Pseudonym = pseudonym, Body = draft.Body.Trim(), QuotedPostId = draft.QuotedPostId,
            Status = await FirstStatusAsync(reader, category, thread.Id, pseudonym, ct), CreatedAt = clock.GetUtcNow(),
        };
        await db.InTransactionAsync(async tx =>
        {
            // Taken in the reply's transaction: refused, nothing of the reply is kept.
            if (pseudonym is not null && !await pseudonyms.ClaimAsync(thread.Id, reader.UserId!, pseudonym, ct)) throw new PseudonymTakenException();
            db.Add(post);
            await db.SaveChangesAsync(ct);
            await FollowAsync(thread.Id, reader.UserId!, ct);
            if (post.Status == PostStatus.Published)
            {
                await MoveCountsAsync(post, countedBefore: false, ct);
                WentOut(post);
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }, ct);
        // One's own reply is not news to oneself: the thread stays read for its author (as in Discourse).
        await MarkReadAsync(reader.UserId!, thread.Id, post.Id, ct);
        await live.ChangedAsync(thread, post, isNew: true, ct);
        return post;
    }

    /// <summary>
    /// Its author's edit: the text it had is kept for moderators, the index and open pages follow. A pseudonymous
    /// post, or the post of a member still under the first-posts rule, goes back to the queue (what it now says has
    /// not been reviewed: an approved first post edited into spam would otherwise be out at once).
    /// </summary>
    /// <returns>Whether the post waits for approval again.</returns>
    public async Task<bool> EditAsync(ForumReader reader, ForumCategory category, ForumThread thread, ForumPost post, string body, string? title, CancellationToken ct)
    {
        var review = post.Status == PostStatus.Published
            && (post.Pseudonym is not null || await UnderFirstPostsRuleAsync(reader, category, ct));
        var now = clock.GetUtcNow();
        db.Add(new ForumPostRevision { PostId = post.Id, Body = post.Body, ReplacedAt = now });
        await ChangeStandingAsync(thread, post, p =>
        {
            p.Body = body.Trim();
            p.EditedAt = now;
            if (review) p.Status = PostStatus.Pending;
            if (p.IsFirst && !string.IsNullOrWhiteSpace(title)) thread.Title = title.Trim();
        }, ct);
        return review;
    }

    /// <summary>Soft delete by its author: the place stays, the words go from every page and the index.</summary>
    public Task DeleteOwnAsync(ForumThread thread, ForumPost post, CancellationToken ct) =>
        ChangeStandingAsync(thread, post, p => p.DeletedByAuthor = true, ct);

    /// <summary>
    /// Changes a post's standing (approved, hidden, deleted…) and moves its thread's counts by what the change
    /// did, in one transaction; then pushes it to the readers of the thread.
    /// </summary>
    internal async Task ChangeStandingAsync(ForumThread thread, ForumPost post, Action<ForumPost> change, CancellationToken ct, Func<Task>? alongside = null)
    {
        var countedBefore = post.CountsAsReply;
        var publishedBefore = post.Status == PostStatus.Published;
        var wasPending = post.Status == PostStatus.Pending;
        await db.InTransactionAsync(async tx =>
        {
            change(post);
            if (post.IsFirst)
            {
                // The first post carries its thread: approved, the thread appears; rejected, it goes.
                if (post.Status == PostStatus.Published && thread.Status == ThreadStatus.Pending) { thread.Status = ThreadStatus.Published; thread.LastPostAt = clock.GetUtcNow(); }
                if (post.Status == PostStatus.Rejected) thread.Status = ThreadStatus.Rejected;
            }
            // Approved: told to followers once; a hidden post restored was told already.
            if (wasPending && post.Status == PostStatus.Published) WentOut(post);
            else index.Enqueue(SearchType, Key(thread.Id));
            if (alongside is not null) await alongside();
            await db.SaveChangesAsync(ct);
            if (post.CountsAsReply != countedBefore) await MoveCountsAsync(post, countedBefore, ct);
            await tx.CommitAsync(ct);
        }, ct);
        await live.ChangedAsync(thread, post, isNew: post.Status == PostStatus.Published && !publishedBefore, ct);
    }

    /// <summary>One « Merci » per member and post; thanking again takes it back.</summary>
    /// <returns>Whether the member now thanks the post.</returns>
    public async Task<bool> ToggleThanksAsync(ForumPost post, string userId, CancellationToken ct) =>
        await db.InTransactionAsync(async tx =>
        {
            var added = await db.InsertIfMissingAsync(new ForumPostThanks { PostId = post.Id, UserId = userId }, ct);
            if (!added) await db.Set<ForumPostThanks>().Where(t => t.PostId == post.Id && t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.Set<ForumPost>().Where(p => p.Id == post.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Thanks, p => p.Thanks + (added ? 1 : -1)), ct);
            generations.Touch(db, ForumModule.Area);
            await tx.CommitAsync(ct);
            return added;
        }, ct);

    /// <summary>
    /// A member's flag, once per member (the table's key says so). Every flag puts the post in the moderators'
    /// queue; the flags of members in good standing (<see cref="InGoodStandingAsync"/>) count toward hiding it
    /// pending review, <see cref="FlagsToHide"/> of them. A pinned thread's posts and a board-only category's wait
    /// for a moderator whatever the count: three new accounts cannot take the board's announcement down.
    /// </summary>
    /// <returns>False when this member had flagged it already.</returns>
    public async Task<bool> FlagAsync(ForumReader reader, ForumCategory category, ForumThread thread, ForumPost post, string reason, CancellationToken ct)
    {
        var userId = reader.UserId!;
        var counts = await InGoodStandingAsync(reader, category, ct);
        var hideable = !thread.IsPinned && !category.BoardOnly;
        var hidden = false;
        var added = await db.InTransactionAsync(async tx =>
        {
            if (!await db.InsertIfMissingAsync(new ForumPostFlag { PostId = post.Id, UserId = userId, Reason = reason.Trim(), CreatedAt = clock.GetUtcNow() }, ct))
                return false;
            await db.Set<ForumPost>().Where(p => p.Id == post.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.FlagCount, p => p.FlagCount + (counts ? 1 : 0)).SetProperty(p => p.FlagsToReview, true), ct);
            // The third counting flag hides it, in the statement that reads the count: two third flags at once hide it once.
            hidden = hideable && counts && await db.Set<ForumPost>().Where(p => p.Id == post.Id && p.Status == PostStatus.Published && p.FlagCount >= FlagsToHide)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Hidden), ct) == 1;
            if (hidden && !post.IsFirst && !post.DeletedByAuthor)
                await db.Set<ForumThread>().Where(t => t.Id == thread.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplyCount, t => t.ReplyCount - 1), ct);
            if (hidden) index.Enqueue(SearchType, Key(thread.Id));
            await db.SaveChangesAsync(ct);
            generations.Touch(db, ForumModule.Area);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
        if (!added) return false;
        await db.Entry(post).ReloadAsync(ct);
        if (hidden) await live.ChangedAsync(thread, post, isNew: false, ct);
        await live.QueueChangedAsync(thread.SectionId, ct);
        return true;
    }

    /// <summary>
    /// A member whose flags count toward hiding a post: a moderator of its section, or a member past the section's
    /// first-posts rule with at least one post approved somewhere in the forum (never a brand-new account).
    /// </summary>
    public async Task<bool> InGoodStandingAsync(ForumReader reader, ForumCategory category, CancellationToken ct) =>
        reader.CanModerate(category.SectionId)
        || !await UnderFirstPostsRuleAsync(reader, category, ct)
            && await db.Set<ForumPost>().AnyAsync(p => p.AuthorId == reader.UserId && (p.Status == PostStatus.Published || p.Status == PostStatus.Hidden), ct);

    public async Task SetFollowingAsync(string userId, int threadId, bool follow, CancellationToken ct)
    {
        if (follow) await FollowAsync(threadId, userId, ct);
        else await db.Set<ForumThreadFollow>().Where(f => f.UserId == userId && f.ThreadId == threadId).ExecuteDeleteAsync(ct);
    }

    public async Task SetFollowingCategoryAsync(string userId, int categoryId, bool follow, CancellationToken ct)
    {
        if (follow)
            await db.InsertIfMissingAsync(new ForumCategoryFollow { CategoryId = categoryId, UserId = userId }, ct);
        else await db.Set<ForumCategoryFollow>().Where(f => f.UserId == userId && f.CategoryId == categoryId).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Remembers the last post the member saw in the thread, only ever forward. Read first: a page seen again
    /// (most views) writes nothing, and on SQLite a write would queue behind every other writer.
    /// </summary>
    public async Task MarkReadAsync(string userId, int threadId, int lastPostId, CancellationToken ct) =>
        await MarkReadAsync(userId, threadId, lastPostId,
            await db.Set<ForumThreadRead>().Where(r => r.UserId == userId && r.ThreadId == threadId).Select(r => (int?)r.LastPostId).FirstOrDefaultAsync(ct), ct);

    /// <param name="stored">The mark as the caller read it (the thread page reads it with the member's other marks).</param>
    public async Task MarkReadAsync(string userId, int threadId, int lastPostId, int? stored, CancellationToken ct)
    {
        if (stored >= lastPostId) return;
        if (stored is null && await db.InsertIfMissingAsync(new ForumThreadRead { UserId = userId, ThreadId = threadId, LastPostId = lastPostId }, ct)) return;
        await db.Set<ForumThreadRead>().Where(r => r.UserId == userId && r.ThreadId == threadId && r.LastPostId < lastPostId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastPostId, lastPostId), ct);
    }

    private Task FollowAsync(int threadId, string userId, CancellationToken ct) =>
        db.InsertIfMissingAsync(new ForumThreadFollow { ThreadId = threadId, UserId = userId }, ct);

    /// <summary>A post members can now read for the first time: indexed, and its followers and mentions told after commit.</summary>
    private void WentOut(ForumPost post)
    {
        index.Enqueue(SearchType, Key(post.ThreadId));
        events.Raise(new ForumPostPublished(post.ThreadId, post.Id));
    }

    /// <summary>The thread's reply count and latest activity, moved in one statement each (concurrent replies all count).</summary>
    private async Task MoveCountsAsync(ForumPost post, bool countedBefore, CancellationToken ct)
    {
        var threads = db.Set<ForumThread>().AcrossSections().Where(t => t.Id == post.ThreadId);
        if (post.CountsAsReply && !countedBefore)
        {
            var now = clock.GetUtcNow();
            await threads.ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplyCount, t => t.ReplyCount + 1)
                .SetProperty(t => t.LastPostId, t => t.LastPostId > post.Id ? t.LastPostId : post.Id), ct);
            await UpdateLastPostAtAsync(post.ThreadId, now, ct);
        }
        else if (!post.CountsAsReply && countedBefore)
            await threads.ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplyCount, t => t.ReplyCount - 1), ct);
        generations.Touch(db, ForumModule.Area);
    }

    private Task UpdateLastPostAtAsync(int threadId, DateTimeOffset now, CancellationToken ct) =>
        db.Set<ForumThread>().AcrossSections().Where(t => t.Id == threadId && t.LastPostAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastPostAt, now), ct);

    public static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A post members can read went out (new, or approved): followers and mentioned members are told, in the background.</summary>
public sealed record ForumPostPublished(int ThreadId, int PostId);
