namespace RqiiacPortail.Web.Modules.Members.Contracts;

/// <summary>Who holds which role where; what other modules ask of Members.</summary>
public interface IMemberRoles
{
    /// <summary>The ids of the sections where the user holds <paramref name="role"/>.</summary>
    Task<IReadOnlyList<int>> SectionsWhereAsync(string userId, string role, CancellationToken ct = default);

    /// <summary>Approved members' ids holding <paramref name="role"/> in a section (to notify them, say).</summary>
    Task<IReadOnlyList<string>> HoldersAsync(int sectionId, string role, CancellationToken ct = default);

    /// <summary>The ids of the network's administrators (who read and moderate every section).</summary>
    Task<IReadOnlyList<string>> AdministratorsAsync(CancellationToken ct = default);
}
