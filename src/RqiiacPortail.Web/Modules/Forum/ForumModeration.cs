using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// What moderators do: approve, reject with a reason sent to the author, hide, restore, lock, pin, move,
/// suspend, reveal who wrote a pseudonymous post. Every action writes its audit entry in its own unit of work,
/// so the log holds exactly the actions that happened. Callers check <see cref="ForumReader.CanModerate"/> first.
/// </summary>
public sealed class ForumModeration(
    PortalDbContext db,
    ForumService forum,
    ForumAuthors authors,
    AuditLog audit,
    INotifier notifier,
    IIndexQueue index,
    ForumLive live,
    Infrastructure.Web.ILiveAccess liveAccess,
    TimeProvider clock)
{
    public const string AuditArea = "forum";

    public sealed record QueueItem(ForumPost Post, ForumThread Thread, ForumCategory Category, string Author, IReadOnlyList<Flag> Flags);

    /// <summary>A flag as moderators read it: who raised it (by name: moderators answer to the member), when, why.</summary>
    public sealed record Flag(string By, DateTimeOffset At, string Reason);

    /// <summary>Posts waiting for approval and flagged posts not yet reviewed, in the sections this reader moderates, oldest first.</summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(ForumReader reader, int take, CancellationToken ct)
    {
        var rows = await (from p in Queued(reader)
                          join t in db.Set<ForumThread>().AcrossSections() on p.ThreadId equals t.Id
                          join c in db.Set<ForumCategory>().AcrossSections() on t.CategoryId equals c.Id
                          orderby p.Id
                          select new { p, t, c }).Take(take).AsNoTracking().ToListAsync(ct);
        var ids = rows.Select(r => r.p.Id).ToList();
        var flags = (await db.Set<ForumPostFlag>().AsNoTracking().Where(f => ids.Contains(f.PostId)).OrderBy(f => f.CreatedAt).ToListAsync(ct))
            .ToLookup(f => f.PostId);
        var names = await authors.ForAsync(rows.Select(r => (r.p.AuthorId, r.p.Pseudonym))
            .Concat(flags.SelectMany(g => g).Select(f => ((string?)f.UserId, (string?)null))), ct);
        return rows.Select(r => new QueueItem(r.p, r.t, r.c, names.Label(r.p.AuthorId, r.p.Pseudonym),
            flags[r.p.Id].Select(f => new Flag(names.Label(f.UserId, null), f.CreatedAt, f.Reason)).ToList())).ToList();
    }

    public Task<int> QueueCountAsync(ForumReader reader, CancellationToken ct) => Queued(reader).CountAsync(ct);

    /// <summary>What waits for this moderator: posts to approve, and flagged posts not yet reviewed, in the sections they moderate.</summary>
    private IQueryable<ForumPost> Queued(ForumReader reader)
    {
        var moderated = reader.Moderates.ToList();
        var all = reader.ModeratesAll;
        return from p in db.Set<ForumPost>()
               join t in db.Set<ForumThread>().AcrossSections() on p.ThreadId equals t.Id
               where (p.Status == PostStatus.Pending || p.FlagsToReview) && p.Status != PostStatus.Rejected && (all || moderated.Contains(t.SectionId))
               select p;
    }

    public async Task ApproveAsync(ClaimsPrincipal actor, ForumThread thread, ForumPost post, CancellationToken ct)
    {
        audit.Write(actor, Record("approuver", $"Message n° {post.Id} approuvé dans « {thread.Title} »", thread, post));
        await TellAuthorAsync(post, $"Votre message dans « {thread.Title} » est publié", null, ct);
        await forum.ChangeStandingAsync(thread, post, p => { p.Status = PostStatus.Published; p.FlagsToReview = false; }, ct);
        await live.QueueChangedAsync(thread.SectionId, ct);
    }

    public async Task RejectAsync(ClaimsPrincipal actor, ForumThread thread, ForumPost post, string reason, CancellationToken ct)
    {
        audit.Write(actor, Record("refuser", $"Message n° {post.Id} refusé dans « {thread.Title} »", thread, post, reason));
        await TellAuthorAsync(post, $"Votre message dans « {thread.Title} » n'a pas été publié", $"Motif de la modération : {reason}", ct);
        await forum.ChangeStandingAsync(thread, post, p => { p.Status = PostStatus.Rejected; p.ModerationReason = reason; p.FlagsToReview = false; }, ct);
        await live.QueueChangedAsync(thread.SectionId, ct);
    }

    public async Task HideAsync(ClaimsPrincipal actor, ForumThread thread, ForumPost post, string reason, CancellationToken ct)
    {
        audit.Write(actor, Record("masquer", $"Message n° {post.Id} masqué dans « {thread.Title} »", thread, post, reason));
        await TellAuthorAsync(post, $"Votre message dans « {thread.Title} » a été masqué par la modération", $"Motif : {reason}", ct);
        await forum.ChangeStandingAsync(thread, post, p => { p.Status = PostStatus.Hidden; p.ModerationReason = reason; p.FlagsToReview = false; }, ct);
        await live.QueueChangedAsync(thread.SectionId, ct);
    }

    /// <summary>Puts back a hidden post (or clears the flags of a visible one): the flags are reviewed.</summary>
    public async Task RestoreAsync(ClaimsPrincipal actor, ForumThread thread, ForumPost post, string? reason, CancellationToken ct)
    {
        audit.Write(actor, Record("retablir", post.Status == PostStatus.Hidden
            ? $"Message n° {post.Id} rétabli dans « {thread.Title} »" : $"Signalements du message n° {post.Id} examinés : message laissé en ligne", thread, post, reason));
        await forum.ChangeStandingAsync(thread, post, p => { p.Status = PostStatus.Published; p.ModerationReason = null; p.FlagsToReview = false; }, ct);
        await live.QueueChangedAsync(thread.SectionId, ct);
    }

    public async Task SetLockedAsync(ClaimsPrincipal actor, ForumThread thread, bool locked, string? reason, CancellationToken ct)
    {
        thread.IsLocked = locked;
        audit.Write(actor, Record(locked ? "verrouiller" : "deverrouiller", $"Sujet « {thread.Title} » {(locked ? "verrouillé" : "déverrouillé")}", thread, null, reason));
        await db.SaveChangesAsync(ct);
    }

    public async Task SetPinnedAsync(ClaimsPrincipal actor, ForumThread thread, bool pinned, CancellationToken ct)
    {
        thread.IsPinned = pinned;
        audit.Write(actor, Record(pinned ? "epingler" : "desepingler", $"Sujet « {thread.Title} » {(pinned ? "épinglé" : "désépinglé")}", thread, null));
        await db.SaveChangesAsync(ct);
    }

    public async Task MoveAsync(ClaimsPrincipal actor, ForumThread thread, ForumCategory from, ForumCategory to, string? reason, CancellationToken ct)
    {
        thread.CategoryId = to.Id;
        thread.SectionId = to.SectionId;
        index.Enqueue(ForumService.SearchType, ForumService.Key(thread.Id));
        audit.Write(actor, Record("deplacer", $"Sujet « {thread.Title} » déplacé de « {from.Name} » vers « {to.Name} »", thread, null, reason));
        await db.SaveChangesAsync(ct);
        // Its open pages join again, under the rules of where it now is.
        await live.ReadAgainAsync([ForumHub.ThreadGroup(thread.Id, from)], ct);
    }

    /// <summary>Suspends a post's author from posting in the thread's section (everywhere when <paramref name="everywhere"/>).</summary>
    public async Task SuspendAsync(ClaimsPrincipal actor, ForumThread thread, ForumPost post, int days, bool everywhere, string reason, CancellationToken ct)
    {
        if (post.AuthorId is not { } author || author == ForumAuthors.RecipeAuthor) return;
        var until = clock.GetUtcNow().AddDays(days);
        db.Add(new ForumSuspension { UserId = author, SectionId = everywhere ? null : thread.SectionId, Until = until, Reason = reason, CreatedAt = clock.GetUtcNow() });
        // The log names the member by id only: a suspension does not reveal who wrote a pseudonymous post.
        audit.Write(actor, Record("suspendre", $"Auteur du message n° {post.Id} suspendu jusqu'au {FrenchText.Date(until)}{(everywhere ? " dans tout le réseau" : "")}", thread, post, reason));
        await notifier.NotifyAsync(new Notice(ForumModule.ModerationKind.Key, [author], $"Vous ne pouvez plus écrire dans les discussions jusqu'au {FrenchText.Date(until)}",
            "/forum", $"Motif : {reason}"), ct);
        await db.SaveChangesAsync(ct);
        await liveAccess.MemberChangedAsync(author, ct);
    }

    /// <summary>Who wrote a pseudonymous post, for a moderator who gave a reason: each reveal is logged with it.</summary>
    public async Task<string> RevealAsync(ClaimsPrincipal actor, ForumThread thread, ForumPost post, string reason, CancellationToken ct)
    {
        audit.Write(actor, Record("reveler", $"Auteur du message pseudonyme n° {post.Id} (« {post.Pseudonym} ») révélé", thread, post, reason));
        await db.SaveChangesAsync(ct);
        return (await authors.ForAsync([(post.AuthorId, null)], ct)).Label(post.AuthorId, null);
    }

    /// <summary>The texts a post had before its edits, newest first.</summary>
    public async Task<IReadOnlyList<ForumPostRevision>> HistoryAsync(ForumPost post, CancellationToken ct) =>
        await db.Set<ForumPostRevision>().AsNoTracking().Where(r => r.PostId == post.Id).OrderByDescending(r => r.Id).ToListAsync(ct);

    private Task TellAuthorAsync(ForumPost post, string title, string? body, CancellationToken ct) =>
        post.AuthorId is { } author && author != ForumAuthors.RecipeAuthor
            ? notifier.NotifyAsync(new Notice(ForumModule.ModerationKind.Key, [author], title, $"/forum/messages/{post.Id}", body), ct)
            : Task.CompletedTask;

    private static AuditRecord Record(string action, string summary, ForumThread thread, ForumPost? post, string? reason = null) =>
        new(AuditArea, action, summary, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), thread.SectionId, post?.AuthorId,
            post is null ? $"/forum/sujets/{thread.Id}" : $"/forum/messages/{post.Id}");
}
