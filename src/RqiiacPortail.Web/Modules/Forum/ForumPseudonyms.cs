using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// The rules of pseudonyms: which one a post goes out under, that it passes for no member, and that within a
/// thread it belongs to one person.
/// </summary>
public sealed class ForumPseudonyms(PortalDbContext db, IMemberDirectory members)
{
    public const string TakenInThread = "Ce pseudonyme est déjà celui d'une autre personne dans ce sujet : choisissez-en un autre.";
    public const string MembersName = "Ce pseudonyme est le nom d'un membre du réseau : choisissez-en un qui ne prête à aucune confusion.";

    /// <summary>
    /// The pseudonym a post goes out under. In a thread started under a pseudonym, its author writes under it, unless
    /// she chose (and confirmed) to sign with her name; elsewhere, the one typed, where the category allows them.
    /// </summary>
    public static string? Of(ForumReader reader, ForumCategory category, ForumThread? thread, Draft draft)
    {
        if (IsThreadsOwn(reader, thread)) return draft.UnderOwnName ? null : thread!.Pseudonym;
        return category.AllowsPseudonyms && !string.IsNullOrWhiteSpace(draft.Pseudonym) ? draft.Pseudonym.Trim() : null;
    }

    /// <summary>Whether the reader started this thread under a pseudonym (her replies then carry it).</summary>
    public static bool IsThreadsOwn(ForumReader reader, ForumThread? thread) =>
        thread is { Pseudonym: not null } && reader.UserId is not null && thread.AuthorId == reader.UserId;

    /// <returns>Why <paramref name="pseudonym"/> may not be used by this member in this thread (none yet: a new one), in French, or null.</returns>
    public async Task<string?> RefusedAsync(string userId, ForumThread? thread, string pseudonym, CancellationToken ct)
    {
        if (thread is not null && thread.AuthorId == userId && thread.Pseudonym == pseudonym) return null;
        if (thread is not null && await TakenByAnotherAsync(thread.Id, userId, NameKey.Of(pseudonym), ct)) return TakenInThread;
        return await members.NameInUseAsync(pseudonym, ct) ? MembersName : null;
    }

    /// <summary>
    /// Takes the pseudonym in the thread for this member, or finds it hers already: one statement keyed on the
    /// thread and the name, so that two people taking it at once cannot both have it.
    /// </summary>
    /// <returns>False when it belongs to somebody else.</returns>
    public async Task<bool> ClaimAsync(int threadId, string userId, string pseudonym, CancellationToken ct)
    {
        var key = NameKey.Of(pseudonym);
        await db.InsertIfMissingAsync(new ForumPseudonym { ThreadId = threadId, Key = key, UserId = userId }, ct);
        return !await TakenByAnotherAsync(threadId, userId, key, ct);
    }

    /// <summary>
    /// Held by another person: by the thread's keyed claims, or by the posts written before claims existed (a thread
    /// has a handful of pseudonyms: they are folded here, as SQL cannot fold accents on both providers).
    /// </summary>
    private async Task<bool> TakenByAnotherAsync(int threadId, string userId, string key, CancellationToken ct)
    {
        if (await db.Set<ForumPseudonym>().AnyAsync(p => p.ThreadId == threadId && p.Key == key && p.UserId != userId, ct)) return true;
        var earlier = await db.Set<ForumPost>().Where(p => p.ThreadId == threadId && p.Pseudonym != null && p.AuthorId != userId)
            .Select(p => p.Pseudonym!).Distinct().ToListAsync(ct);
        return earlier.Any(p => NameKey.Of(p) == key);
    }
}

/// <summary>A pseudonym that another person took in the thread a moment before (the page says so next to the field).</summary>
public sealed class PseudonymTakenException() : Exception(ForumPseudonyms.TakenInThread);
