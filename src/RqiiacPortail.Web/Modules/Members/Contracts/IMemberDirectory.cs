namespace RqiiacPortail.Web.Modules.Members.Contracts;

public sealed record MemberContact(string Id, string Email, string DisplayName, string FirstName, int HomeSectionId);

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

    /// <summary>How many approved members <see cref="MembersPageAsync"/> would go through.</summary>
    Task<int> CountMembersAsync(int? sectionId, CancellationToken ct = default);
}
