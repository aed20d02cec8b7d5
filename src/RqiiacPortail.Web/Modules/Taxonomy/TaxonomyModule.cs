using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Taxonomy;

/// <summary>The reference framework's vocabularies, seeded by recipes.</summary>
public static class TaxonomyModule
{
    internal static readonly Permission Manage = new("taxonomy.manage", "Gérer la taxonomie", [], []);

    public static IHostApplicationBuilder AddTaxonomy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ITaxonomy, TaxonomyService>();
        builder.Services.AddCacheArea(TaxonomyService.Area, typeof(Vocabulary), typeof(Term));
        builder.Services.AddScoped<TermEditor>();
        builder.Services.AddRecipeStep<TaxonomyRecipeStep>();
        builder.Services.AddAdminMenuItem(new AdminMenuItem("Taxonomie", "Approches, actes professionnels, champs de pratique…", "admin/taxonomie", Manage, 40));
        return builder;
    }
}
