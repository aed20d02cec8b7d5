using RqiiacPortail.Web.Modules.Sections.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>Full-text search on Lucene.Net with French analysis, fed by an index-task outbox.</summary>
public static class SearchModule
{
    internal static readonly Permission Manage = new("search.manage", "Gérer l'index de recherche", [], []);

    /// <summary>The output-cache policy of a visitor's search results.</summary>
    public const string PublicResultsPolicy = "recherche-publique";

    /// <summary>Kept results vary by the version of the index this instance reads.</summary>
    public const string IndexVersion = "recherche-index";

    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAdminMenuItem(new AdminMenuItem("Index de recherche", "État de l'index et reconstruction.", "admin/recherche", Manage, 60));
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
        services.AddReservedSegment("recherche");
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<IndexSignal>();
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        services.AddScoped<IIndexQueue, IndexQueue>();
        services.AddSingleton<ISearch, SearchService>();
        services.Configure<LayoutOptions>(o => o.SearchPath = "recherche");
        // A visitor's results are kept whole too, under the version of the index this instance reads: the index
        // follows commits by a moment, so the content's generations alone could keep a page made in between.
        services.Configure<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>(o => o.AddPolicy(PublicResultsPolicy,
            new Infrastructure.Caching.PublicPagePolicy(context => context.RequestServices.GetRequiredService<SearchIndex>().Version)));
        // A member's results too, for their kind of reader.
        services.Configure<Infrastructure.Caching.KeptPagesOptions>(o => o.Vary[IndexVersion] =
            context => ValueTask.FromResult(context.RequestServices.GetRequiredService<SearchIndex>().Version));
        services.AddHealthChecks().AddCheck<SearchHealthCheck>("recherche")
            .AddCheck<SearchLagHealthCheck>("recherche-retard", tags: [Infrastructure.Web.HealthEndpoints.Ready]);
        return builder;
    }

    /// <summary>
    /// The « search rebuild » command: asked in the database first, so that running instances rebuild theirs at
    /// their next poll too; then this index, unless the running site holds it. Returns what to print.
    /// </summary>
    public static async Task<string> RebuildFromCommandLineAsync(IServiceProvider services, CancellationToken ct)
    {
        var indexer = services.GetRequiredService<SearchIndexer>();
        await indexer.RequestRebuildAsync(ct);
        try
        {
            services.GetRequiredService<SearchIndex>().Open();
        }
        catch (InvalidOperationException)
        {
            return "L'index est tenu par le site en marche : chaque instance reconstruit le sien dans les secondes qui suivent.";
        }
        var count = await indexer.RebuildAsync(ct);
        return $"Index de recherche reconstruit : {count} documents.";
    }
}

/// <summary>Healthy when the index is open, on disk, not waiting for a rebuild and holding every document.</summary>
internal sealed class SearchHealthCheck(SearchIndex index, SearchIndexer indexer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var documents = index.Search(s => s.IndexReader.NumDocs);
            return Task.FromResult(
                index.NeedsRebuild || !index.IsOnDisk ? HealthCheckResult.Degraded("Reconstruction de l'index en attente.")
                : indexer.Problem is { } problem ? HealthCheckResult.Degraded(problem)
                : HealthCheckResult.Healthy($"{documents} documents indexés."));
        }
        catch (InvalidOperationException e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Index de recherche fermé.", e));
        }
    }
}

/// <summary>
/// Ready while this instance's index is whole and at most <see cref="SearchOptions.ReadyLag"/> behind the task log:
/// a rebuilding or lagging instance would answer searches with what the others already changed.
/// </summary>
internal sealed class SearchLagHealthCheck(SearchIndex index, SearchIndexer indexer, Microsoft.Extensions.Options.IOptions<SearchOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (index.NeedsRebuild) return HealthCheckResult.Degraded("Reconstruction de l'index en cours.");
        var lag = await indexer.LagAsync(ct);
        return lag > options.Value.ReadyLag
            ? HealthCheckResult.Degraded($"L'index de recherche a {lag.TotalSeconds:0} s de retard sur le journal.")
            : HealthCheckResult.Healthy($"Retard de l'index : {lag.TotalSeconds:0} s.");
    }
}
