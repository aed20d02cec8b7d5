namespace RqiiacPortail.Web.Modules.Members.Contracts;

public sealed record MemberContact(string Id, string Email, string DisplayName, string FirstName, int HomeSectionId, string? Employer = null);

/// <summary>How a member is shown beside what they wrote: their name and the user name others mention them by (<c>@josee.letourneau</c>).</summary>
public sealed record MemberProfile(string Id, string UserName, string DisplayName);

/// <summary>How other modules reach members: their address and name, never the account tables.</summary>
public interface IMemberDirectory
{
    Task<IReadOnlyList<MemberContact>> ContactsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);

    /// <summary>
    /// Approved members a page at a time, in a stable order: those whose home region is the section, or the whole
    /// network when it is null. Pass the last id of a page as <paramref name="after"/> for the next one;
    /// <paramref name="joinedBy"/> leaves out the accounts made after that moment (news older than they are).
    /// </summary>
    Task<IReadOnlyList<string>> MembersPageAsync(int? sectionId, string? after, int take, DateTimeOffset? joinedBy = null, CancellationToken ct = default);

    /// <summary>Approved members among these ids (the others are left out: pending, refused or gone).</summary>
    Task<IReadOnlyList<MemberProfile>> ProfilesAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);

    /// <summary>Approved members by their user names, compared without case (the <c>@</c> mentions of a post).</summary>
    Task<IReadOnlyList<MemberProfile>> FindByUserNamesAsync(IReadOnlyCollection<string> userNames, CancellationToken ct = default);

    /// <summary>Approved members whose user name, first or last name starts with <paramref name="prefix"/>, for suggestions as one types.</summary>
    Task<IReadOnlyList<MemberProfile>> SuggestAsync(string prefix, int take, CancellationToken ct = default);

    /// <summary>
    /// Whether <paramref name="name"/> is an account's display name or user name, compared without case, accents or
    /// punctuation (every account, approved or not: a pseudonym may pass for nobody).
    /// </summary>
    Task<bool> NameInUseAsync(string name, CancellationToken ct = default);

    /// <summary>How many approved members <see cref="MembersPageAsync"/> would go through.</summary>
    Task<int> CountMembersAsync(int? sectionId, CancellationToken ct = default);

    /// <summary>The region the member lives and works in (where forms start them), or null for an unknown id.</summary>
    Task<int?> HomeSectionAsync(string userId, CancellationToken ct = default);
}
