namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>
/// First path segments that the site uses at its root: a section may never take one as its slug, or its
/// prefix would hide a page. A test checks that every routed page's first segment is in this list.
/// </summary>
public static class ReservedSlugs
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "api", "bulletin", "compte", "erreur", "evenements", "forum", "health", "hubs", "membres",
        "notifications", "outils", "recherche", "recits", "regions", "_content", "_framework", "css", "js", "lib",
        "img", "favicon.ico", "robots.txt", "national",
    };
}
