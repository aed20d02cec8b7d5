using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// Pushes what changed to the open pages, after the change is committed: the post to its thread's readers
/// (once readable by all of them), a nudge to the moderators' queues. With the Redis backplane the groups span
/// every instance. A push that fails costs a reload, never the post: it is logged and forgotten.
/// </summary>
public sealed class ForumLive(IHubContext<ForumHub> hub, PortalDbContext db, ForumAuthors authors, ForumPostHtml html, ILogger<ForumLive> logger)
{
    public async Task ChangedAsync(ForumThread thread, ForumPost post, bool isNew, CancellationToken ct)
    {
        try
        {
            if (post.Status is PostStatus.Pending or PostStatus.Rejected)
            {
                await QueueChangedAsync(thread.SectionId, ct);
                return;
            }
            var names = await authors.ForAsync([(post.AuthorId, post.Pseudonym)], ct);
            // The thread's category as it is now (moved, or its access changed, since the page joined).
            var current = await db.Set<ForumThread>().AcrossSections().Where(t => t.Id == thread.Id)
                .Join(db.Set<ForumCategory>().AcrossSections(), t => t.CategoryId, c => c.Id, (t, c) => new { t.ReplyCount, Category = c }).FirstOrDefaultAsync(ct);
            if (current is null) return;
            await hub.Clients.Group(ForumHub.ThreadGroup(thread.Id, current.Category)).SendAsync(isNew ? "message" : "modifie", ToLive(post, names, current.ReplyCount), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Message {Post} non poussé aux lecteurs du sujet {Thread}.", post.Id, thread.Id);
        }
    }

    public LivePost ToLive(ForumPost post, ForumAuthors.Names names, int replyCount)
    {
        var state = post.DeletedByAuthor ? "supprime" : post.Status == PostStatus.Hidden ? "masque" : "publie";
        return new LivePost(post.Id, post.ThreadId, names.Label(post.AuthorId, post.Pseudonym), post.Pseudonym is not null,
            state == "publie" ? html.Of(post.Id, post.Body) : "", FrenchText.DateTime(post.CreatedAt), state, replyCount, post.Thanks);
    }

    /// <summary>Asks the pages following these groups to join again: what they may read is checked anew.</summary>
    public async Task ReadAgainAsync(IReadOnlyList<string> groups, CancellationToken ct)
    {
        try
        {
            await hub.Clients.Groups(groups).SendAsync("relire", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Lecteurs en direct non avisés d'un changement d'accès.");
        }
    }

    public async Task QueueChangedAsync(int sectionId, CancellationToken ct)
    {
        try
        {
            await hub.Clients.Groups([ForumHub.QueueGroup(sectionId), ForumHub.QueueGroup(null)]).SendAsync("file", sectionId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "File de modération de la section {Section} non signalée.", sectionId);
        }
    }
}
