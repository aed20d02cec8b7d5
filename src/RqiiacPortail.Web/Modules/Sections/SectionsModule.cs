using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>Regional sections (tenants): resolution from host or prefix, settings, the regions page.</summary>
public static class SectionsModule
{
    public static IHostApplicationBuilder AddSections(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMemoryCache();
        services.AddSingleton<ReservedSlugs>();
        services.AddScoped<SectionEditor>();
        services.AddReservedSegment("regions");
        services.AddScoped<SectionContext>();
        services.AddScoped<ISectionContext>(sp => sp.GetRequiredService<SectionContext>());
        services.AddScoped<ICurrentSectionId>(sp => sp.GetRequiredService<SectionContext>());
        services.AddSingleton<ISectionCatalog, SectionCatalog>();
        services.AddCacheArea(SectionCatalog.Area, typeof(Section));
        services.AddScoped<ISectionLookup, SectionLookup>();
        services.AddScoped<SectionFeatureFilter>();
        services.Configure<MvcOptions>(o => o.Filters.AddService<SectionFeatureFilter>());

        services.AddRecipeStep<SectionsRecipeStep>();
        services.AddRecipeStep<SectionSettingsRecipeStep>();
        services.AddNavigationItem(new NavigationItem("Régions", "regions", 10));
        services.AddAdminMenuItem(new AdminMenuItem("Sections régionales", "Créer, modifier ou désactiver une section.", "admin/sections", SectionsPermissions.Manage, 10));
        services.AddAdminMenuItem(new AdminMenuItem("Ma section", "Présentation et couleur de votre section.", "admin/ma-section", SectionsPermissions.EditOwn, 11));
        return builder;
    }

    /// <summary>Resolves the section before routing, so that routes see the address without the prefix.</summary>
    public static IApplicationBuilder UseSections(this IApplicationBuilder app) =>
        app.UseMiddleware<SectionResolutionMiddleware>();
}
