using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Sections;

namespace RqiiacPortail.Tests.Sections;

public abstract class SectionTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    [Fact]
    public async Task FirstStart_CreatesTheNationalSiteAndSeventeenRegions()
    {
        var sections = await factory.WithDbAsync(db => db.Set<Section>().OrderBy(s => s.Code).ToListAsync());

        Assert.Single(sections, s => s.IsNational);
        // The recipe's 17 regions, once each (other tests of a shared site may add sections of their own).
        var codes = Enumerable.Range(1, 17).Select(i => i.ToString("00")).ToList();
        var regions = sections.Where(s => !s.IsNational && codes.Contains(s.Code)).ToList();
        Assert.Equal(codes, regions.Select(r => r.Code));
        Assert.Contains(regions, r => r is { Code: "11", Name: "Gaspésie–Îles-de-la-Madeleine", Slug: "gaspesie-iles-de-la-madeleine" });
        Assert.Contains(regions, r => r is { Code: "02", Slug: "saguenay-lac-saint-jean" });
        Assert.Contains(regions, r => r is { Code: "09", Slug: "cote-nord" });
    }

    [Fact]
    public async Task RegionsPage_ListsEveryActiveSection()
    {
        var page = await factory.CreatePortalClient().GetDocumentAsync("/regions");

        var names = page.QuerySelectorAll("main .card h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(17, names.Count);
        Assert.Contains("Lanaudière", names);
        Assert.Equal("/lanaudiere/", page.QuerySelectorAll("main .card a").Single(a => a.TextContent.Trim() == "Lanaudière").GetAttribute("href"));
    }

    [Fact]
    public async Task SectionPrefix_ServesTheSectionHome_AndItsLinksStayUnderThePrefix()
    {
        var page = await factory.CreatePortalClient().GetDocumentAsync("/lanaudiere/");

        Assert.Equal("Lanaudière", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains("Lanaudière", page.Title);
        var links = page.QuerySelectorAll("a[href], form[action]")
            .Where(e => e.GetAttribute("data-scope") != "national")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("action")!)
            .Where(h => h.StartsWith('/'))
            .ToList();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.StartsWith("/lanaudiere/", href));
        Assert.All(page.QuerySelectorAll("link[rel=stylesheet], script[src]"),
            e => Assert.StartsWith("/lanaudiere/_content/", e.GetAttribute("href") ?? e.GetAttribute("src")));
    }

    [Fact]
    public async Task SectionPrefix_AppliesToEveryPage()
    {
        var client = factory.CreatePortalClient();

        var signIn = await client.GetDocumentAsync("/lanaudiere/compte/connexion");
        var regions = await client.GetDocumentAsync("/lanaudiere/regions");

        Assert.Equal("Lanaudière", signIn.QuerySelector(".site-brand__section")!.TextContent.Trim());
        Assert.Equal("Lanaudière", regions.QuerySelector(".site-brand__section")!.TextContent.Trim());
    }

    [Fact]
    public async Task SectionWithoutTrailingSlash_RedirectsToIt()
    {
        var response = await factory.CreatePortalClient().GetAsync("/lanaudiere?x=1");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/lanaudiere/?x=1", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/inconnu/")]
    [InlineData("/inconnu/regions")]
    [InlineData("/lanaudiere/page-qui-n-existe-pas")]
    public async Task UnknownAddress_IsAFrench404(string url)
    {
        var response = await factory.CreatePortalClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", await response.TextAsync());
    }

    [Fact]
    public async Task DisabledSection_IsNotServed_AndLeavesTheRegionsList()
    {
        await SetActiveAsync("laval", false);
        try
        {
            var client = factory.CreatePortalClient();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/laval/")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/laval/regions")).StatusCode);
            var regions = await client.GetDocumentAsync("/regions");
            Assert.DoesNotContain(regions.QuerySelectorAll("main .card h2"), h => h.TextContent.Trim() == "Laval");
        }
        finally
        {
            await SetActiveAsync("laval", true);
        }
    }

    [Fact]
    public async Task HostName_ResolvesItsSection_WithoutPrefix()
    {
        await factory.WithDbAsync(async db =>
        {
            var section = await db.Set<Section>().SingleAsync(s => s.Slug == "estrie");
            section.HostNames = ["estrie.rqiiac.test"];
            return await db.SaveChangesAsync();
        });
        factory.InvalidateSections();

        var client = factory.CreatePortalClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "estrie.rqiiac.test";
        var response = await client.SendAsync(request);
        var page = Html.Parse(await response.BodyAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Estrie", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("/", page.QuerySelector(".site-brand a")!.GetAttribute("href"));
    }

    private async Task SetActiveAsync(string slug, bool active)
    {
        await factory.WithDbAsync(async db =>
        {
            var section = await db.Set<Section>().SingleAsync(s => s.Slug == slug);
            section.IsActive = active;
            return await db.SaveChangesAsync();
        });
        factory.InvalidateSections();
    }
}

public sealed class SqliteSectionTests(SqlitePortalFactory factory) : SectionTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSectionTests(PostgresPortalFactory factory) : SectionTests<PostgresPortalFactory>(factory);
