using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// An entry of the main menu contributed by a module. <paramref name="Path"/> is relative to the section
/// (<c>outils</c>); <paramref name="SectionFeature"/> hides it where the section switched the module off;
/// <paramref name="Permission"/> hides it from whoever may not open it.
/// </summary>
public sealed record NavigationItem(string Label, string Path, int Order, string? SectionFeature = null, Permission? Permission = null);

/// <summary>
/// A script every page loads for a signed-in person, contributed by the module that owns it (the bell's live
/// count is the notifications module's). <paramref name="Path"/> is from the site's root, without the section.
/// </summary>
public sealed record LayoutScript(string Path, int Order);

/// <summary>An entry of the signed-in person's menu (beside « Mon compte ») contributed by a module: « Mes inscriptions ».</summary>
public sealed record AccountLink(string Label, string Path, int Order, string? SectionFeature = null);

public static class NavigationRegistration
{
    public static IServiceCollection AddNavigationItem(this IServiceCollection services, NavigationItem item) =>
        services.AddSingleton(item);

    public static IServiceCollection AddAccountLink(this IServiceCollection services, AccountLink link) =>
        services.AddSingleton(link);

    /// <summary>Adds a signed-in page script once, whichever modules ask for it (SignalR's client is shared).</summary>
    public static IServiceCollection AddLayoutScript(this IServiceCollection services, LayoutScript script)
    {
        if (!services.Any(d => d.ServiceType == typeof(LayoutScript) && Equals(d.ImplementationInstance, script))) services.AddSingleton(script);
        return services;
    }
}

/// <summary>Layout-wide settings modules fill in: the search module sets where the search box posts.</summary>
public sealed class LayoutOptions
{
    /// <summary>Relative to the section (<c>recherche</c>); no search box while null.</summary>
    public string? SearchPath { get; set; }
}
