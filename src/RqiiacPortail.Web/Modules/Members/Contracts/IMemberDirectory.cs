namespace RqiiacPortail.Web.Modules.Members.Contracts;

public sealed record MemberContact(string Id, string Email, string DisplayName, string FirstName, int HomeSectionId);

/// <summary>How other modules reach members: their address and name, never the account tables.</summary>
public interface IMemberDirectory
{
    Task<IReadOnlyList<MemberContact>> ContactsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);

    /// <summary>Approved members whose home region is the section (to tell them of a new tool, say).</summary>
    Task<IReadOnlyList<string>> MembersOfSectionAsync(int sectionId, CancellationToken ct = default);

    /// <summary>Every approved member of the network.</summary>
    Task<IReadOnlyList<string>> AllMembersAsync(CancellationToken ct = default);
}
