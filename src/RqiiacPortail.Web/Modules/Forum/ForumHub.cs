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

    public static string ThreadGroup(int threadId) => $"sujet:{threadId}";

    public static string QueueGroup(int? sectionId) => sectionId is { } id ? $"moderation:{id}" : "moderation:tout";

    /// <returns>Whether the reader may follow this thread live.</returns>
    public async Task<bool> Lire(int sujet)
    {
        var thread = await forum.ThreadAsync(sujet, Context.ConnectionAborted);
        if (thread is null) return false;
        var category = await forum.CategoryAsync(thread.CategoryId, Context.ConnectionAborted);
        var reader = await access.ReaderAsync(Context.User!);
        if (category is null || !reader.CanRead(category) || !reader.CanSee(thread)) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, ThreadGroup(sujet), Context.ConnectionAborted);
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
