using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Search;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Tests.Search;

/// <summary>
/// What an anonymous visitor could once do to the whole site with one search: a regular expression that held a
/// core and gigabytes for minutes, wildcards walking every term. Refused or bounded, each with a French word.
/// </summary>
public abstract class SearchLimitsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, ISearchSite
{
    [Theory]
    [InlineData("/[ac]*a[ac]{16}/", "expressions régulières")]
    [InlineData("/[ac]*a[ac]{18}/ mobilisation", "expressions régulières")]
    [InlineData("*ation", "n'est accepté qu'à la fin d'un mot")]
    [InlineData("mob?lisation", "n'est accepté qu'à la fin d'un mot")]
    [InlineData("m*n", "n'est accepté qu'à la fin d'un mot")]
    [InlineData("co*", "n'est accepté qu'à la fin d'un mot")]
    [InlineData("mob* con* ana* ter*", "Au plus 3 mots")]
    [InlineData("[aaa TO zzz]", "intervalles")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghij~2", "Le signe « ~ »")]
    public async Task CostlyQuerySyntax_IsReadWordForWord_WithAFrenchExplanation(string query, string explanation)
    {
        var results = await factory.Started().Services.GetRequiredService<ISearch>().SearchAsync(new SearchQuery(query, new Dictionary<string, string>()), SearchReader.Visitor);
        var page = await factory.CreatePortalClient().GetAsync($"/recherche?q={Uri.EscapeDataString(query)}");

        Assert.Contains(explanation, results.Problem);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(explanation, await page.TextAsync());
    }

    [Fact]
    public async Task ATrailingWildcardAndAFuzzyWord_StillFindWhatReadersMean()
    {
        await factory.PublishAsync(SearchTests.Doc("borne-1", "Portrait de la sécurité du quartier", "Démarche citoyenne."));

        var prefix = await factory.FindAsync("quart*", until: r => r.Hits.Any(h => h.Id == "borne-1"));
        var folded = await factory.FindAsync("sécur*", until: r => r.Hits.Any(h => h.Id == "borne-1"));
        var fuzzy = await factory.FindAsync("quartiet~", until: r => r.Hits.Any(h => h.Id == "borne-1"));

        Assert.Contains(prefix.Hits, h => h.Id == "borne-1");
        Assert.Null(prefix.Problem);
        Assert.Contains(folded.Hits, h => h.Id == "borne-1");
        Assert.Contains(fuzzy.Hits, h => h.Id == "borne-1");
    }

    [Fact]
    public async Task ADocumentItsSourceCannotRead_IsSkipped_LaterOnesAreIndexed_AndHealthSaysDegraded_UntilItIsRead()
    {
        factory.Documents.Poisoned["poison-1"] = true;
        await factory.PublishAsync(SearchTests.Doc("poison-1", "Document illisible", "illisible"));
        await factory.PublishAsync(SearchTests.Doc("apres-poison", "Document publié après l'illisible", "suivant"));

        var later = await factory.FindAsync("publié après", until: r => r.Hits.Any(h => h.Id == "apres-poison"));
        Assert.Contains(later.Hits, h => h.Id == "apres-poison");
        Assert.Equal("Degraded", await HealthAsync());

        // Fixed (the source reads it now): the retry indexes it and the health check clears.
        factory.Documents.Poisoned.TryRemove("poison-1", out _);
        await factory.Services.GetRequiredService<SearchIndexer>().RetryFailedAsync(CancellationToken.None, now: true);
        Assert.Contains((await factory.FindAsync("illisible")).Hits, h => h.Id == "poison-1");
        Assert.Equal("Healthy", await HealthAsync());
    }

    [Fact]
    public async Task AnIndexFolderDeletedWhileRunning_IsRebuilt_AndKeepsTakingNewDocuments()
    {
        await using var site = new SearchTests.SearchFactory();
        await site.PublishAsync(SearchTests.Doc("avant-suppression", "Répertoire des organismes", "répertoire"));
        Assert.Equal(1, (await site.FindAsync("répertoire organismes")).Total);
        var folder = Path.Combine(site.DataPath, "index");

        // Moved away in one step (as an operator's `rm -rf` would leave it: gone), whatever the indexer is writing.
        Directory.Move(folder, folder + "-perdu");
        await site.PublishAsync(SearchTests.Doc("apres-suppression", "Calendrier des assemblées", "calendrier"));

        Assert.Equal(1, (await site.FindAsync("calendrier assemblées")).Total);
        Assert.Equal(1, (await site.FindAsync("répertoire organismes")).Total);
        Assert.NotEmpty(Directory.GetFiles(folder, "segments_*"));
        using var health = JsonDocument.Parse(await site.CreatePortalClient().GetStringAsync("/health"));
        Assert.Equal("Healthy", health.RootElement.GetProperty("statut").GetString());
    }

    private async Task<string> HealthAsync()
    {
        using var health = JsonDocument.Parse(await factory.CreatePortalClient().GetStringAsync("/health"));
        return health.RootElement.GetProperty("statut").GetString()!;
    }
}

public sealed class SqliteSearchLimitsTests(SearchTests.SearchFactory factory) : SearchLimitsTests<SearchTests.SearchFactory>(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchLimitsTests(SearchTests.PostgresSearchFactory factory) : SearchLimitsTests<SearchTests.PostgresSearchFactory>(factory);

/// <summary>A search past its time budget is stopped inside Lucene's loop, and the reader asked to narrow it.</summary>
public sealed class SearchBudgetTests(SearchBudgetTests.NoBudgetFactory factory) : IClassFixture<SearchBudgetTests.NoBudgetFactory>
{
    public sealed class NoBudgetFactory : SearchTests.SearchFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("Search:QueryTimeout", "00:00:00"), new("RateLimits:SearchesPerMinute", "3")];
    }

    [Fact]
    public async Task ASearchPastItsBudget_IsStopped_WithAFrenchMessage()
    {
        await factory.PublishAsync(SearchTests.Doc("budget-1", "Portrait de quartier", "portrait"));
        await factory.WaitForAsync(() => factory.Services.GetRequiredService<ISearch>().SearchAsync(new SearchQuery("portrait", new Dictionary<string, string>()), SearchReader.Visitor),
            r => r.Problem is not null);

        var results = await factory.Services.GetRequiredService<ISearch>().SearchAsync(new SearchQuery("portrait", new Dictionary<string, string>()), SearchReader.Visitor);

        Assert.Equal(0, results.Total);
        Assert.Contains("demande trop de travail", results.Problem);
    }

    [Fact]
    public async Task Searches_AreRateLimitedPerClient_ReadingIncluded()
    {
        var client = factory.CreatePortalClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await client.GetAsync($"/recherche?q=essai{i}")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429, (HttpStatusCode)429], statuses);
    }
}
