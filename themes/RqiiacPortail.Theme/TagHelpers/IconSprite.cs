using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

namespace RqiiacPortail.Theme.TagHelpers;

/// <summary>
/// Each icon a page uses is drawn once, as a <c>&lt;symbol&gt;</c> at the end of the page, and each use of it is a
/// <c>&lt;use href="#icone-…"&gt;</c> of some sixty bytes: a list of twenty cards with five icons each would
/// otherwise carry forty kilobytes of the same outlines, and every anonymous page is served whole from the cache.
/// A fragment served without the layout (a forum reply fetched live) draws its icons inline instead.
/// </summary>
public static class IconSprite
{
    private const string UsedKey = "rqiiac:icones";
    private const string InlineKey = "rqiiac:icones-en-ligne";

    /// <summary>This response is a fragment without the layout: its icons are drawn where they stand.</summary>
    public static void DrawInline(HttpContext context) => context.Items[InlineKey] = true;

    internal static bool IsInline(HttpContext context) => context.Items.ContainsKey(InlineKey);

    internal static void Use(HttpContext context, string name)
    {
        IconCatalog.Inner(name); // an unknown name fails here, where it is written, not as a blank square
        if (context.Items[UsedKey] is not SortedSet<string> used) context.Items[UsedKey] = used = new SortedSet<string>(StringComparer.Ordinal);
        used.Add(name);
    }

    /// <summary>The icons used so far (a page kept for the next reader remembers them with its body).</summary>
    public static IReadOnlyCollection<string> Used(HttpContext context) =>
        context.Items[UsedKey] is SortedSet<string> used ? used.ToArray() : [];

    /// <summary>Icons a kept body uses, drawn at the end of the layout it is given with.</summary>
    public static void UseAll(HttpContext context, IEnumerable<string> names)
    {
        foreach (var name in names) Use(context, name);
    }

    /// <summary>The symbols of the icons used so far, for the end of the layout.</summary>
    public static IHtmlContent Symbols(HttpContext context)
    {
        if (context.Items[UsedKey] is not SortedSet<string> { Count: > 0 } used) return HtmlString.Empty;
        var sprite = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"icon-sprite\" aria-hidden=\"true\" focusable=\"false\">");
        foreach (var name in used)
            sprite.Append("<symbol id=\"icone-").Append(name).Append("\" viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" ")
                .Append("stroke-linecap=\"round\" stroke-linejoin=\"round\">").Append(IconCatalog.Inner(name)).Append("</symbol>");
        return new HtmlString(sprite.Append("</svg>").ToString());
    }
}
