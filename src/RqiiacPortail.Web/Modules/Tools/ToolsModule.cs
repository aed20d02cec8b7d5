using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>The tool library (« Boîte à outils »): shared files and links, checked, versioned, searchable.</summary>
public static class ToolsModule
{
    public const string Feature = "outils";

    /// <summary>Several files of up to the per-file limit in one form: the file checks give the French message.</summary>
    public const long MaxRequestBytes = 300L * 1024 * 1024;

    public static readonly NotificationKind NewToolInRegion = new("nouvel-outil-region", "Nouveaux outils dans ma région", Delivery.Digest);

    public static readonly IReadOnlyList<string> DescribingVocabularies =
        [Vocabularies.Approaches, Vocabularies.InterventionTypes, Vocabularies.ProfessionalActs, Vocabularies.Fields];

    public static IHostApplicationBuilder AddTools(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ToolsOptions>().BindConfiguration(ToolsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ToolService>();
        services.AddScoped<ToolAccess>();
        services.AddScoped<ToolRules>();
        services.AddScoped<ToolCatalog>();
        services.AddCacheArea(ToolCatalog.Area, typeof(Tool), typeof(ToolFile), typeof(ToolTerm));
        services.AddHostedService<UnpublishedToolsCleanup>();
        services.AddPersonalData<ToolPersonalData>();
        services.AddNotificationKind(NewToolInRegion);
        services.AddEventHandler<ToolPublished, NewToolNotifications>();
        services.AddEventHandler<ToolFileStored, ToolFileAnalysis>(ToolFileAnalysis.Lane);
        services.AddEventLane(ToolFileAnalysis.Lane, sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ToolsOptions>>().Value.AnalysisWorkers);
        services.AddScoped<Infrastructure.Files.IStoredFileReferences, ToolFileReferences>();
        services.AddTermUsage<ToolTermUsage>();
        services.AddSearchSource<ToolSearchSource>();
        services.Configure<Infrastructure.Caching.KeptPagesOptions>(ToolPagesVary.Register);
        services.AddNewsSource<ToolNews>();
        services.AddSearchFacet(new SearchFacet(ToolSearchSource.FacetKey(Vocabularies.Approaches), "Approche", Vocabularies.Approaches));
        services.AddRecipeStep<ToolsRecipeStep>();
        services.AddSectionFeature(Feature, "Boîte à outils");
        services.AddReservedSegment("outils");
        services.AddNavigationItem(new NavigationItem("Boîte à outils", "outils", 20, SectionFeature: Feature));
        services.AddHomeBlock(Components.DerniersOutilsViewComponent.Name, 20);
        // Sharing and editing are one form: the share page also answers at the edit address.
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Tools/Pages/Nouveau", "outils/{id:int}/modifier"));
        return builder;
    }
}
