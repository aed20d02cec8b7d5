namespace RqiiacPortail.Web.Modules.Sections.Contracts;

/// <summary>What other modules may know of a section: a read-only snapshot.</summary>
public sealed record SectionInfo(
    int Id,
    string Code,
    string Slug,
    string Name,
    bool IsNational,
    bool IsActive,
    string? Description,
    string Theme,
    string AccentColor,
    IReadOnlyList<string> EnabledModules,
    IReadOnlyList<string> HostNames)
{
    /// <summary>The URL prefix of the section (<c>/lanaudiere</c>), empty for the national site.</summary>
    public string PathPrefix => IsNational ? "" : "/" + Slug;

    public bool Enables(string module) => IsNational || EnabledModules.Contains(module);
}
