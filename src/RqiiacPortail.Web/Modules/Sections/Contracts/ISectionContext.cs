namespace RqiiacPortail.Web.Modules.Sections.Contracts;

/// <summary>The section the current request is served in (the national site when no prefix or host matched).</summary>
public interface ISectionContext
{
    SectionInfo Current { get; }

    /// <summary>Whether a section was found for this request yet (not before the section middleware, nor on its 404s).</summary>
    bool IsResolved { get; }
}

/// <summary>Every section, cached until a change to any is committed (on any instance); ordered by region code.</summary>
public interface ISectionCatalog
{
    Task<IReadOnlyList<SectionInfo>> GetAllAsync(CancellationToken ct = default);

    Task<SectionInfo?> FindAsync(int id, CancellationToken ct = default);
}

/// <summary>
/// Reads sections through the current unit of work, so that a recipe step sees the sections an earlier step
/// of the same (uncommitted) recipe created.
/// </summary>
public interface ISectionLookup
{
    Task<SectionInfo?> FindByCodeAsync(string code, CancellationToken ct = default);

    /// <summary>Every section, by code (the national site first).</summary>
    Task<IReadOnlyList<SectionInfo>> AllAsync(CancellationToken ct = default);

    Task<SectionInfo?> FindAsync(int id, CancellationToken ct = default);
}
