using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

public static class ForumPermissions
{
    /// <summary>Start threads and reply: any approved member.</summary>
    public static readonly Permission Post = new("forum.post", "Écrire dans les discussions", Roles.SectionRoles, Roles.NationalRoles);

    /// <summary>Work the moderation queue of a section's categories (national ones: the national section's moderators).</summary>
    public static readonly Permission Moderate = new("forum.moderate", "Modérer les discussions de la section", [Roles.Moderator, Roles.Coordinator], []);

    /// <summary>Write in the categories only the board writes in (*Annonces*).</summary>
    public static readonly Permission Announce = new("forum.announce", "Écrire dans les catégories réservées au conseil d'administration", [], [Roles.Board]);

    /// <summary>Add and change a section's categories and its pre-moderation setting.</summary>
    public static readonly Permission ManageCategories = new("forum.categories", "Gérer les catégories de discussion de la section", [Roles.Coordinator], []);
}

/// <summary>What one reader may do in the forum, worked out once per request and applied to any number of posts.</summary>
/// <param name="IsMember">May write in the forum (the forum's posting permission).</param>
/// <param name="Audiences">Who the reader is for the rules every module shares: what they may read.</param>
public sealed record ForumReader(string? UserId, bool IsMember, ReaderAudiences Audiences, IReadOnlySet<int> Moderates, bool ModeratesAll, bool Announces)
{
    public static readonly ForumReader Visitor = new(null, false, ReaderAudiences.Visitor, new HashSet<int>(), false, false);

    public bool CanModerate(int sectionId) => ModeratesAll || Moderates.Contains(sectionId);

    public bool ModeratesAny => ModeratesAll || Moderates.Count > 0;

    /// <summary>
    /// Where this moderator may move a thread: into a category of a section they moderate, or up to the national
    /// categories, whose moderators take it over (a region's discussion that concerns the whole network); never into
    /// another region's, nor into a board-only category unless they write there.
    /// </summary>
    public bool CanMoveTo(ForumCategory to, int nationalSectionId) =>
        CanModerate(to.SectionId) || (ModeratesAny && to.SectionId == nationalSectionId && (!to.BoardOnly || Announces));

    public bool CanRead(ForumCategory category) => CanModerate(category.SectionId) || Audiences.Includes(category.Audience);

    public bool CanPostIn(ForumCategory category) => IsMember && CanRead(category) && (!category.BoardOnly || Announces || ModeratesAll);

    /// <summary>Whether the thread exists for this reader: approved, or theirs, or in a section they moderate.</summary>
    public bool CanSee(ForumThread thread) => thread.Status switch
    {
        ThreadStatus.Published => true,
        _ => IsAuthor(thread.AuthorId) || CanModerate(thread.SectionId),
    };

    /// <summary>Whether the post has a place in the thread for this reader (hidden and deleted ones keep theirs, as a notice).</summary>
    public bool CanSee(ForumPost post, ForumThread thread) => post.Status switch
    {
        PostStatus.Published or PostStatus.Hidden => true,
        // Waiting or refused: its author (who keeps their words) and moderators.
        _ => IsAuthor(post.AuthorId) || CanModerate(thread.SectionId),
    };

    /// <summary>Whether the reader sees the words themselves (moderators read what they hid).</summary>
    public bool CanReadText(ForumPost post, ForumThread thread) =>
        !post.DeletedByAuthor && CanSee(post, thread) && (post.Status != PostStatus.Hidden || CanModerate(thread.SectionId));

    public bool IsAuthor(string? authorId) => UserId is not null && authorId == UserId;
}

/// <summary>Who may read, write and moderate in the forum: the one place these rules are written.</summary>
public sealed class ForumAccess(IAuthorizationService authorization, IMemberRoles roles, IAudiences audiences)
{
    private ForumReader? _reader;

    public async Task<ForumReader> ReaderAsync(ClaimsPrincipal user)
    {
        if (_reader is not null) return _reader;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return _reader = ForumReader.Visitor;
        var moderates = (await roles.SectionsWhereAsync(id, Roles.Moderator)).Concat(await roles.SectionsWhereAsync(id, Roles.Coordinator)).ToHashSet();
        // Administrators hold every permission: "moderate in a section that does not exist" tells them apart.
        var all = await authorization.CanAsync(user, ForumPermissions.Moderate, int.MinValue);
        return _reader = new ForumReader(id, await authorization.CanAsync(user, ForumPermissions.Post), await audiences.OfAsync(user), moderates, all,
            await authorization.CanAsync(user, ForumPermissions.Announce));
    }
}
