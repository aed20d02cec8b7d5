using Microsoft.AspNetCore.Hosting;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Search;

/// <summary>Past Search:ExactFacetCounts matches, the facet counts are sampled and the results page says so, in French.</summary>
public sealed class ApproximateFacetTests
{
    private sealed class Site : SearchTests.SearchFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Search:ExactFacetCounts", "1");
            builder.UseSetting("Search:FacetSampleEvery", "2");
        }
    }

    [Fact]
    public async Task PastTheExactCounts_TheResultsPageSaysItsNumbersAreApproximate()
    {
        await using var site = new Site();
        for (var i = 0; i < 6; i++) await site.PublishAsync(SearchTests.Doc($"approx{i}", $"Fiche ornithologique {i}", "Une fiche ornithologique."));
        Assert.Equal(6, (await site.FindAsync("ornithologique", until: r => r.Total == 6)).Total);

        var page = await site.CreatePortalClient().GetDocumentAsync("/recherche?q=ornithologique");
        var aside = page.QuerySelector("aside")!;
        Assert.Contains("Nombres approximatifs", aside.TextContent);
        var badge = aside.QuerySelector(".badge")!;
        Assert.Equal("≈", badge.QuerySelector("[aria-hidden=true]")!.TextContent.Trim());
        Assert.Equal("environ", badge.QuerySelector(".visually-hidden")!.TextContent.Trim());
        // The total stays exact.
        Assert.Equal("6 résultats", page.QuerySelector("#resultats")!.TextContent.Trim());
    }

    [Fact]
    public async Task UnderTheExactCounts_NothingIsSaidApproximate()
    {
        await using var site = new SearchTests.SearchFactory();
        await site.PublishAsync(SearchTests.Doc("exact", "Fiche pélagique", "Une fiche pélagique."));
        await site.FindAsync("pélagique");
        var page = await site.CreatePortalClient().GetDocumentAsync("/recherche?q=p%C3%A9lagique");
        Assert.DoesNotContain("approximatifs", page.QuerySelector("aside")!.TextContent);
        Assert.Null(page.QuerySelector("aside .badge .visually-hidden"));
    }
}
