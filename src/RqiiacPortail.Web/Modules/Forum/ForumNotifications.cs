using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>The <c>@user.name</c> mentions of a post.</summary>
public static partial class Mentions
{
    /// <summary>More than this in one post is a list, not a conversation: the rest are not told.</summary>
    public const int MaxPerPost = 20;

    /// <summary>How many times in an hour one member's mentions may tell another (the rest are not told): the portal's mail is no one's megaphone.</summary>
    public const int MaxPerHourFromOneMember = 3;

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.@-])@([\p{L}\p{N}][\p{L}\p{N}._-]{1,63})", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static IReadOnlyList<string> In(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Pattern().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.', '-', '_'))
            .Where(n => n.Length >= 2).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxPerPost).ToList();
}

/// <summary>
/// A post went out: the members it mentions, then the thread's and the category's followers, are told in the
/// background, a batch at a time, each only if they may read the thread. The author is named as every reader
/// sees them: by the pseudonym alone for a pseudonymous post.
/// </summary>
internal sealed class ForumPostNotifications(
    PortalDbContext db,
    IMemberDirectory members,
    IMemberRoles roles,
    INotifier notifier,
    ForumAuthors authors,
    MarkdownRenderer markdown,
    TimeProvider clock) : IEventHandler<ForumPostPublished>
{
    public async Task HandleAsync(ForumPostPublished published, EventBatches batches, CancellationToken ct)
    {
        var post = await db.Set<ForumPost>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == published.PostId, ct);
        var thread = await db.Set<ForumThread>().AcrossSections().AsNoTracking().FirstOrDefaultAsync(t => t.Id == published.ThreadId, ct);
        if (post is null || thread is null || post.Status != PostStatus.Published || post.DeletedByAuthor) return;
        var category = await db.Set<ForumCategory>().AcrossSections().AsNoTracking().FirstAsync(c => c.Id == thread.CategoryId, ct);
        var author = (await authors.ForAsync([(post.AuthorId, post.Pseudonym)], ct)).Label(post.AuthorId, post.Pseudonym);
        var text = markdown.ToPlainText(post.Body);
        var link = $"/forum/messages/{post.Id}";

        // Mentions first, in one batch (at most MaxPerPost): whoever is mentioned is not told twice as a follower.
        var mentioned = (await members.FindByUserNamesAsync(Mentions.In(post.Body), ct)).Select(m => m.Id).Where(id => id != post.AuthorId).ToList();
        mentioned = await ReadersAsync(category, mentioned, ct);
        if (batches.Resume is null)
        {
            mentioned = await WithinHourlyCapAsync(post.AuthorId, mentioned, ct);
            await notifier.NotifyAsync(new Notice(ForumModule.MentionKind.Key, mentioned, $"{author} vous a mentionné·e dans « {thread.Title} »", link, text), ct);
            await batches.SaveAsync("", ct);
        }

        var title = post.IsFirst ? $"Nouveau sujet dans « {category.Name} » : {thread.Title}" : $"{author} a répondu dans « {thread.Title} »";
        var after = batches.Resume is { Length: > 0 } resume ? resume : null;
        var skip = mentioned.Append(post.AuthorId).ToHashSet();
        while (true)
        {
            // Followers of the thread and of its category, in one stable order of ids.
            var page = await db.Set<ForumThreadFollow>().Where(f => f.ThreadId == thread.Id).Select(f => f.UserId)
                .Union(db.Set<ForumCategoryFollow>().Where(f => f.CategoryId == category.Id).Select(f => f.UserId))
                .Where(u => after == null || string.Compare(u, after) > 0).OrderBy(u => u).Take(batches.Size).ToListAsync(ct);
            if (page.Count == 0) return;
            var recipients = await ReadersAsync(category, page.Where(u => !skip.Contains(u)).ToList(), ct);
            var siteOnly = await GroupFollowMailAsync(thread.Id, post.Id, recipients, ct);
            await notifier.NotifyAsync(new Notice(ForumModule.FollowKind.Key, recipients, title, link, text, siteOnly), ct);
            await batches.SaveAsync(after = page[^1], ct);
        }
    }

    /// <summary>
    /// Which followers are told on the site only: those e-mailed about this thread already who have not read it up
    /// to that post since. The others are e-mailed (as they chose) and their mark moves to this post, written with
    /// the batch (tracked rows, one transaction with its notifications).
    /// </summary>
    private async Task<IReadOnlySet<string>> GroupFollowMailAsync(int threadId, int postId, List<string> recipients, CancellationToken ct)
    {
        if (recipients.Count == 0) return new HashSet<string>();
        var marks = await db.Set<ForumFollowMail>().Where(m => m.ThreadId == threadId && recipients.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, ct);
        var read = await db.Set<ForumThreadRead>().Where(r => r.ThreadId == threadId && recipients.Contains(r.UserId))
            .ToDictionaryAsync(r => r.UserId, r => r.LastPostId, ct);
        var siteOnly = new HashSet<string>();
        foreach (var userId in recipients)
        {
            if (marks.TryGetValue(userId, out var mark))
            {
                if (!read.TryGetValue(userId, out var lastRead) || lastRead < mark.LastEmailedPostId)
                {
                    siteOnly.Add(userId);
                    continue;
                }
                mark.LastEmailedPostId = postId;
            }
            else db.Add(new ForumFollowMail { ThreadId = threadId, UserId = userId, LastEmailedPostId = postId });
        }
        return siteOnly;
    }

    /// <summary>
    /// Those of <paramref name="mentioned"/> this author may still tell this hour: each told takes one of the pair's
    /// numbered slots of the hour (a keyed row), so concurrent posts cannot both take the last one.
    /// </summary>
    private async Task<List<string>> WithinHourlyCapAsync(string? authorId, List<string> mentioned, CancellationToken ct)
    {
        if (authorId is null || mentioned.Count == 0) return mentioned;
        var hour = clock.GetUtcNow().ToUnixTimeSeconds() / 3600;
        await db.Set<ForumMentionSlot>().Where(m => m.AuthorId == authorId && m.Hour < hour).ExecuteDeleteAsync(ct);
        var told = new List<string>();
        foreach (var id in mentioned)
            for (var slot = 1; slot <= Mentions.MaxPerHourFromOneMember; slot++)
                if (await db.InsertIfMissingAsync(new ForumMentionSlot { AuthorId = authorId, MentionedId = id, Hour = hour, Slot = slot }, ct))
                {
                    told.Add(id);
                    break;
                }
        return told;
    }

    /// <summary>
    /// Those of <paramref name="userIds"/> who may read the category (where it is its section's alone: the section's
    /// members, and the administrators, who read every section's as <see cref="ForumReader.CanRead"/> says).
    /// </summary>
    private async Task<List<string>> ReadersAsync(ForumCategory category, List<string> userIds, CancellationToken ct)
    {
        if (category.Access != CategoryAccess.SectionMembers || userIds.Count == 0) return userIds;
        var inSection = (await roles.AdministratorsAsync(ct)).ToHashSet();
        foreach (var role in Roles.SectionRoles) inSection.UnionWith(await roles.HoldersAsync(category.SectionId, role, ct));
        return userIds.Where(inSection.Contains).ToList();
    }
}
