using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// An entry of the main menu contributed by a module. <paramref name="Path"/> is relative to the section
/// (<c>outils</c>); <paramref name="SectionFeature"/> hides it where the section switched the module off;
/// <paramref name="Permission"/> hides it from whoever may not open it.
/// </summary>
public sealed record NavigationItem(string Label, string Path, int Order, string? SectionFeature = null, Permission? Permission = null);

public static class NavigationRegistration
{
    public static IServiceCollection AddNavigationItem(this IServiceCollection services, NavigationItem item) =>
        services.AddSingleton(item);
}

/// <summary>Layout-wide settings modules fill in: the search module sets where the search box posts.</summary>
public sealed class LayoutOptions
{
    /// <summary>Relative to the section (<c>recherche</c>); no search box while null.</summary>
    public string? SearchPath { get; set; }
}
