namespace RqiiacPortail.Web.Modules.Members.Contracts;

/// <summary>Who holds which role where; what other modules ask of Members.</summary>
public interface IMemberRoles
{
    /// <summary>The ids of the sections where the user holds <paramref name="role"/>.</summary>
    Task<IReadOnlyList<int>> SectionsWhereAsync(string userId, string role, CancellationToken ct = default);

    /// <summary>Approved members' ids holding <paramref name="role"/> in a section (to notify them, say).</summary>
    Task<IReadOnlyList<string>> HoldersAsync(int sectionId, string role, CancellationToken ct = default);

    /// <summary>
    /// The member's kind of reader, as one key: everything their permissions and audiences are decided from (their
    /// account's approval, national roles, roles in sections). Two members of one kind may see and do the same
    /// things, so a page made for one of them, without its personal parts, may be given to the other.
    /// </summary>
    Task<string> KindAsync(string userId, CancellationToken ct = default);

    /// <summary>The ids of the network's administrators (who read and moderate every section).</summary>
    Task<IReadOnlyList<string>> AdministratorsAsync(CancellationToken ct = default);
}
