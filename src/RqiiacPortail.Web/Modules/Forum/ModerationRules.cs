namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// Whether a new post waits for a moderator, apart from the database so that it is tested alone (the unit lane).
/// The service gathers the facts; this decides.
/// </summary>
public static class ModerationRules
{
    /// <param name="moderatesSection">The writer moderates the category's section: trusted at once.</param>
    /// <param name="pseudonymous">The post is signed with a pseudonym.</param>
    /// <param name="pseudonymApprovedInThread">One of the writer's posts under that pseudonym in this thread was approved already.</param>
    /// <param name="approvedInSection">How many of the writer's posts were approved in the category's section (another section's never count).</param>
    /// <param name="firstPostsToModerate">How many first posts the section has moderators read (0: none).</param>
    public static PostStatus FirstStatus(bool moderatesSection, bool pseudonymous, bool pseudonymApprovedInThread, int approvedInSection, int firstPostsToModerate)
    {
        // A pseudonym waits until a moderator has approved it once in the thread, whoever writes (a moderator too).
        if (pseudonymous && !pseudonymApprovedInThread) return PostStatus.Pending;
        return UnderFirstPostsRule(moderatesSection, approvedInSection, firstPostsToModerate) ? PostStatus.Pending : PostStatus.Published;
    }

    /// <summary>A newcomer's posts wait while fewer of them were approved in the section than it asks; its moderators never wait.</summary>
    public static bool UnderFirstPostsRule(bool moderatesSection, int approvedInSection, int firstPostsToModerate) =>
        !moderatesSection && firstPostsToModerate > 0 && approvedInSection < firstPostsToModerate;
}
