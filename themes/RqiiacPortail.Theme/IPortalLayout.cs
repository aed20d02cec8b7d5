using Microsoft.AspNetCore.Html;

namespace RqiiacPortail.Theme;

/// <summary>
/// What a theme's layout needs to know of the request, supplied by the host. A theme only presents: it never
/// reaches into the host's modules.
/// </summary>
public interface IPortalLayout
{
    Task<LayoutModel> GetAsync();

    /// <summary>
    /// A part of the page as the page made it (its body, a section), handed to the host on its way out: the host may
    /// keep it for the next reader of the same kind, who then gets it with their own layout. Returns what to write.
    /// </summary>
    IHtmlContent Keep(string part, IHtmlContent? content) => content ?? HtmlString.Empty;

    /// <summary>The page's title, handed to the host with its parts (see <see cref="Keep"/>).</summary>
    void KeepTitle(string? title) { }
}

/// <param name="SectionName">« Lanaudière », or the national site's name.</param>
/// <param name="HomeHref">The home of the current section (its prefix).</param>
/// <param name="NationalHref">The national site's home.</param>
/// <param name="AccentColor">#RRGGBB, checked by the host to keep white text readable on it.</param>
/// <param name="Navigation">Main menu entries, already carrying the section prefix.</param>
/// <param name="Account">Account links (sign in, apply, profile, administration).</param>
/// <param name="SignOutAction">Where the sign-out form posts, when someone is signed in.</param>
/// <param name="Bell">Shown to signed-in people.</param>
/// <param name="Scripts">Scripts the host's modules need on every page (already carrying the prefix).</param>
/// <param name="SearchAction">Where the search box sends its query; no box while the site has no search.</param>
/// <param name="Flash">What the action that led here did (« Outil publié. »), announced once.</param>
public sealed record LayoutModel(
    string SiteName,
    string SectionName,
    bool IsNational,
    string HomeHref,
    string NationalHref,
    string AccentColor,
    IReadOnlyList<NavLink> Navigation,
    IReadOnlyList<NavLink> Account,
    string? UserDisplayName,
    string? SignOutAction,
    string? SearchAction,
    Bell? Bell = null,
    IReadOnlyList<string>? Scripts = null,
    string? Flash = null);

/// <summary>The notifications bell of a signed-in person: where it leads, how many are unread, where the live hub is.</summary>
public sealed record Bell(string Href, int Unread, string HubUrl);

public sealed record NavLink(string Label, string Href, bool Current = false);

/// <summary>
/// The layout's one inline style (the section's accent colour). The Content-Security-Policy allows it by its hash
/// rather than by a nonce, so that a page kept whole by the output cache still matches the header it is sent with.
/// </summary>
public static class AccentStyle
{
    public static string Css(string accentColor) => $":root {{ --accent: {accentColor}; }}";
}
