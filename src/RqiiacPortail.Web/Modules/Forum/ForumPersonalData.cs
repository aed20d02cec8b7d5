using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// A member's posts (pseudonymous ones included: they are theirs), follows and flags. When they leave, their
/// posts stay in the conversations attributed to « Membre retiré·e », with no link left to the person (the
/// author of a pseudonymous post can no longer be revealed either); or, if they chose to withdraw what they
/// published, each reads « Message supprimé par son auteur ». Follows, read marks, thanks, flags and suspensions go.
/// </summary>
internal sealed class ForumPersonalData(PortalDbContext db, IIndexQueue index, GenerationInterceptor generations) : IPersonalData
{
    public string Key => "discussions";

    public async Task<object?> ExportAsync(DataSubject subject, CancellationToken ct)
    {
        var posts = await (from p in db.Set<ForumPost>().AsNoTracking()
                           join t in db.Set<ForumThread>().AcrossSections() on p.ThreadId equals t.Id
                           where p.AuthorId == subject.UserId
                           orderby p.Id
                           select new { sujet = t.Title, premier = p.IsFirst, pseudonyme = p.Pseudonym, texte = p.Body, ecrit = p.CreatedAt, modifie = p.EditedAt,
                               statut = p.DeletedByAuthor ? "supprimé" : p.Status == PostStatus.Published ? "publié" : p.Status == PostStatus.Pending ? "en attente"
                                   : p.Status == PostStatus.Hidden ? "masqué" : "refusé",
                               adresse = "/forum/messages/" + p.Id }).ToListAsync(ct);
        var follows = await (from f in db.Set<ForumThreadFollow>().AsNoTracking()
                             join t in db.Set<ForumThread>().AcrossSections() on f.ThreadId equals t.Id
                             where f.UserId == subject.UserId
                             select t.Title).ToListAsync(ct);
        var categories = await (from f in db.Set<ForumCategoryFollow>().AsNoTracking()
                                join c in db.Set<ForumCategory>().AcrossSections() on f.CategoryId equals c.Id
                                where f.UserId == subject.UserId
                                select c.Name).ToListAsync(ct);
        var flags = await db.Set<ForumPostFlag>().AsNoTracking().Where(f => f.UserId == subject.UserId)
            .Select(f => new { message = "/forum/messages/" + f.PostId, motif = f.Reason, le = f.CreatedAt }).ToListAsync(ct);
        var suspensions = await db.Set<ForumSuspension>().AsNoTracking().Where(s => s.UserId == subject.UserId)
            .Select(s => new { jusqua = s.Until, motif = s.Reason }).ToListAsync(ct);
        return new { messages = posts, sujetsSuivis = follows, categoriesSuivies = categories, signalements = flags, suspensions };
    }

    public async Task EraseAsync(DataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        var id = subject.UserId;
        var threads = await db.Set<ForumPost>().Where(p => p.AuthorId == id).Select(p => p.ThreadId).Distinct().ToListAsync(ct);
        if (choices.WithdrawPublishedContent)
        {
            await db.Set<ForumPost>().Where(p => p.AuthorId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.DeletedByAuthor, true).SetProperty(p => p.Body, ""), ct);
            await db.Set<ForumPostRevision>().Where(r => db.Set<ForumPost>().Any(p => p.Id == r.PostId && p.AuthorId == id)).ExecuteDeleteAsync(ct);
            // Counted again (a rare, whole-account change, inside the account's deletion).
            await db.Set<ForumThread>().AcrossSections().Where(t => threads.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplyCount,
                t => db.Set<ForumPost>().Count(p => p.ThreadId == t.Id && !p.IsFirst && p.Status == PostStatus.Published && !p.DeletedByAuthor)), ct);
        }
        await db.Set<ForumPost>().Where(p => p.AuthorId == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.AuthorId, (string?)null), ct);
        await db.Set<ForumThread>().AcrossSections().Where(t => t.AuthorId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.AuthorId, (string?)null), ct);
        // Her pseudonyms stay taken in their threads, held by nobody: no one else may write under them there.
        await db.Set<ForumPseudonym>().Where(p => p.UserId == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.UserId, (string?)null), ct);
        await db.Set<ForumMentionSlot>().Where(m => m.AuthorId == id || m.MentionedId == id).ExecuteDeleteAsync(ct);
        await db.Set<ForumFollowMail>().Where(m => m.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<ForumThreadFollow>().Where(f => f.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<ForumCategoryFollow>().Where(f => f.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<ForumThreadRead>().Where(f => f.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<ForumPostThanks>().Where(f => f.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<ForumPostFlag>().Where(f => f.UserId == id).ExecuteDeleteAsync(ct);
        await db.Set<ForumSuspension>().Where(f => f.UserId == id).ExecuteDeleteAsync(ct);
        foreach (var thread in threads) index.Enqueue(ForumService.SearchType, ForumService.Key(thread));
        generations.Touch(db, ForumModule.Area);
    }
}
