using Microsoft.AspNetCore.Mvc.Razor;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Looks for layouts and partials in the current section's theme first (<c>/Themes/{theme}/</c>, shipped by
/// theme Razor class libraries), then in the default theme.
/// </summary>
internal sealed class ThemeViewLocationExpander : IViewLocationExpander
{
    private const string Key = "theme";
    private const string DefaultTheme = "defaut";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        var section = context.ActionContext.HttpContext.RequestServices.GetService<ISectionContext>();
        context.Values[Key] = TryTheme(section) ?? DefaultTheme;
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var theme = context.Values.TryGetValue(Key, out var t) && t is not null ? t : DefaultTheme;
        yield return $"/Themes/{theme}/{{0}}.cshtml";
        if (theme != DefaultTheme) yield return $"/Themes/{DefaultTheme}/{{0}}.cshtml";
        foreach (var location in viewLocations) yield return location;
    }

    private static string? TryTheme(ISectionContext? section)
    {
        try { return section?.Current.Theme; }
        catch (InvalidOperationException) { return null; }
    }
}
