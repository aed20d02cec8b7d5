namespace RqiiacPortail.Web.Modules.Sections.Contracts;

/// <summary>A module a section can switch on or off (key used in recipes and settings, French name for the admin).</summary>
public sealed record SectionFeature(string Key, string Name);

public static class SectionFeatureRegistration
{
    /// <summary>Called from a module's entry point to let sections enable it.</summary>
    public static IServiceCollection AddSectionFeature(this IServiceCollection services, string key, string name) =>
        services.AddSingleton(new SectionFeature(key, name));
}

/// <summary>Put on a page model whose module a section may switch off: the page is then a 404 in that section.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SectionFeatureAttribute(string key) : Attribute
{
    public string Key => key;
}
