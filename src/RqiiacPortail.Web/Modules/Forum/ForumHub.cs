using Microsoft.AspNetCore.SignalR;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// Live threads and the live moderation queue. A reader joins a thread's group only once the same rules as the
/// page let them read it; a moderator joins the queues of the sections they moderate. Open to visitors (public
/// categories are read by them too); what is sent never names the author of a pseudonymous post.
/// </summary>
public sealed class ForumHub(ForumService forum, ForumAccess access) : Hub
{
    public const string Path = "/hubs/forum";

    /// <summary>
    /// A thread's readers, under its category and that category's access: moved elsewhere, or its category's access
    /// changed, the thread's pushes go to another group, which a reader joins only through <see cref="Lire"/>'s
    /// check. The old group is told <c>relire</c> (the page asks again, and is refused if it may no longer read).
    /// </summary>
    public static string ThreadGroup(int threadId, ForumCategory category) => $"sujet:{threadId}:{category.Id}:{category.Access}";

    /// <summary>Every live reader of a category's threads, told <c>relire</c> when its access changes.</summary>
    public static string CategoryGroup(ForumCategory category) => $"categorie:{category.Id}:{category.Access}";

    public static string QueueGroup(int? sectionId) => sectionId is { } id ? $"moderation:{id}" : "moderation:tout";

    /// <returns>Whether the reader may follow this thread live.</returns>
    public async Task<bool> Lire(int sujet)
    {
        var thread = await forum.ThreadAsync(sujet, Context.ConnectionAborted);
        if (thread is null) return false;
        var category = await forum.CategoryAsync(thread.CategoryId, Context.ConnectionAborted);
        var reader = await access.ReaderAsync(Context.User!);
        if (category is null || !reader.CanRead(category) || !reader.CanSee(thread)) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, ThreadGroup(sujet, category), Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, CategoryGroup(category), Context.ConnectionAborted);
        return true;
    }

    /// <returns>Whether the reader moderates somewhere (and now hears of every change to their queue).</returns>
    public async Task<bool> Moderer()
    {
        var reader = await access.ReaderAsync(Context.User!);
        if (!reader.ModeratesAny) return false;
        if (reader.ModeratesAll) await Groups.AddToGroupAsync(Context.ConnectionId, QueueGroup(null), Context.ConnectionAborted);
        else foreach (var section in reader.Moderates) await Groups.AddToGroupAsync(Context.ConnectionId, QueueGroup(section), Context.ConnectionAborted);
        return true;
    }
}

/// <summary>
/// What a thread's readers receive for a post: what any reader of the thread may see of it, nothing more
/// (no author id, the pseudonym alone for a pseudonymous post, no text for a hidden or deleted one).
/// </summary>
/// <param name="State"><c>publie</c>, <c>masque</c> or <c>supprime</c>.</param>
public sealed record LivePost(int Id, int ThreadId, string Author, bool Pseudonymous, string Html, string When, string State, int ReplyCount, int Thanks);
