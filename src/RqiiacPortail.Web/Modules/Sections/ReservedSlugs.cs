using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>
/// First path segments that the site uses at its root: a section may never take one as its slug, or its prefix
/// would hide a page. The host's own (static files, health, errors) are listed here; each module adds its own
/// from its entry point (<see cref="SectionFeatureRegistration.AddReservedSegment"/>). A test checks that every
/// routed page's first segment is reserved.
/// </summary>
public sealed class ReservedSlugs(IEnumerable<ReservedSegment> declared)
{
    private static readonly string[] Host =
        ["_content", "_framework", "css", "js", "lib", "img", "favicon.ico", "robots.txt", "health", "api", "admin", "national"];

    public IReadOnlySet<string> All { get; } = new HashSet<string>(Host.Concat(declared.Select(d => d.Segment)), StringComparer.OrdinalIgnoreCase);

    public bool Contains(string slug) => All.Contains(slug);
}
