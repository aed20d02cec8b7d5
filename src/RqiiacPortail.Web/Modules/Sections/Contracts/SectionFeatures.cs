namespace RqiiacPortail.Web.Modules.Sections.Contracts;

/// <summary>A module a section can switch on or off (key used in recipes and settings, French name for the admin).</summary>
public sealed record SectionFeature(string Key, string Name);

public static class SectionFeatureRegistration
{
    /// <summary>Called from a module's entry point to let sections enable it.</summary>
    public static IServiceCollection AddSectionFeature(this IServiceCollection services, string key, string name) =>
        services.AddSingleton(new SectionFeature(key, name));

    /// <summary>
    /// Called from a module's entry point for each first path segment its pages use at the site's root
    /// (<c>outils</c>): no section may take it as its address.
    /// </summary>
    public static IServiceCollection AddReservedSegment(this IServiceCollection services, string segment) =>
        services.AddSingleton(new ReservedSegment(segment));
}

/// <summary>Put on a page model whose module a section may switch off: the page is then a 404 in that section.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SectionFeatureAttribute(string key) : Attribute
{
    public string Key => key;
}

/// <summary>
/// A block of a home page (national and sections) contributed by a module: a view component, invoked with the
/// current <see cref="SectionInfo"/> as <c>section</c>. Home pages know blocks by name only.
/// </summary>
public sealed record HomeBlock(string ViewComponent, int Order);

public static class HomeBlockRegistration
{
    public static IServiceCollection AddHomeBlock(this IServiceCollection services, string viewComponent, int order) =>
        services.AddSingleton(new HomeBlock(viewComponent, order));
}

/// <summary>A first path segment a module uses at the site's root.</summary>
public sealed record ReservedSegment(string Segment);
