using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Bulletin;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Bulletin;

/// <summary>The bulletin's public side: the archive by year, an issue whole, the Atom feed, drafts kept to the board.</summary>
public abstract class BulletinTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<int> DraftAsync(string title, string body)
    {
        var number = Random.Shared.Next(10_000, 99_999);
        await factory.WithDbAsync(db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.Add(new BulletinIssue
            {
                Number = number, Title = title, IssuedOn = new DateOnly(2026, 12, 1), State = IssueState.Draft, CreatedAt = now, UpdatedAt = now,
                Articles = [new BulletinArticle { Position = 0, Title = "Article du brouillon", Body = body }],
            });
            return db.SaveChangesAsync();
        });
        return number;
    }

    [Fact]
    public async Task TheNationalRecipe_PublishesTwoIssues_InTheArchiveByYear_EachReadWhole()
    {
        var visitor = factory.CreatePortalClient();

        var archive = await visitor.GetDocumentAsync("/bulletin");
        Assert.Equal("2026", archive.QuerySelector("main section h2")!.TextContent.Trim());
        var cards = archive.QuerySelectorAll("main .card").Select(c => c.TextContent).ToList();
        Assert.Contains(cards, c => c.Contains("n° 42 · 1er octobre 2026") && c.Contains("Agir sur les déterminants sociaux de la santé"));
        Assert.Contains(cards, c => c.Contains("n° 41 · 15 juin 2026") && c.Contains("Animer une table sans la diriger"));
        Assert.True(cards.FindIndex(c => c.Contains("n° 42")) < cards.FindIndex(c => c.Contains("n° 41")), "newest first");

        var issue = await visitor.GetDocumentAsync("/bulletin/41");
        Assert.Equal("La concertation, un métier qui s'apprend", issue.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal(["Mot du conseil d'administration", "Animer une table sans la diriger", "Dans le réseau"],
            issue.QuerySelectorAll("main .issue__toc a").Select(a => a.TextContent.Trim()));
        Assert.Equal("#article-2", issue.QuerySelectorAll("main .issue__toc a")[1].GetAttribute("href"));
        Assert.NotNull(issue.QuerySelector("main #article-2 blockquote"));
        Assert.NotNull(issue.QuerySelector("main #article-3 a[href='/outils']"));
    }

    [Fact]
    public async Task TheAtomFeed_IsAtom_OneEntryPerPublishedIssue_WithLinksFromTheConfiguredAddress()
    {
        var draft = await DraftAsync("Un brouillon hors du fil", "Rien à lire ici.");
        var visitor = factory.CreatePortalClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/bulletin/atom.xml");
        request.Headers.Host = "hote-force.example";

        var response = await visitor.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader), "an Atom 1.0 feed");
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;
        var published = await factory.WithDbAsync(db => db.Set<BulletinIssue>().CountAsync(i => i.State == IssueState.Published));
        Assert.Equal(published, feed.Items.Count());
        Assert.Contains(feed.Items, i => i.Title.Text == "n° 42 · 1er octobre 2026 : Agir sur les déterminants sociaux de la santé");
        Assert.All(feed.Items, i => Assert.StartsWith("http://localhost:5080/bulletin/", i.Links.Single().Uri.AbsoluteUri));
        Assert.DoesNotContain(feed.Items, i => i.Links.Single().Uri.AbsoluteUri.EndsWith($"/{draft}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADraft_IsReadByTheBoardAlone_AndItsMarkupIsNeutralised()
    {
        var draft = await DraftAsync("Le numéro de décembre", "Bonjour <script>alert('x')</script> **à toutes**.");
        var member = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var board = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", [], [Roles.Board]));

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync($"/bulletin/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/bulletin/{draft}")).StatusCode);
        var page = await board.GetDocumentAsync($"/bulletin/{draft}");
        Assert.Contains("Brouillon", page.QuerySelector("main [role=status]")!.TextContent);
        Assert.Null(page.QuerySelector("main script"));
        Assert.Equal("à toutes", page.QuerySelector("main #article-1 strong")!.TextContent);
        Assert.DoesNotContain("Le numéro de décembre", await factory.CreatePortalClient().GetStringAsync("/bulletin"));
    }

    [Fact]
    public async Task Search_FindsAnIssue_ByTheWordsOfOneOfItsArticles_AndSaysWhichArticle()
    {
        var visitor = factory.CreatePortalClient();
        AngleSharp.Dom.IDocument? page = null;
        // The recipe's issues are indexed in the background as the site starts.
        for (var i = 0; i < 50; i++)
        {
            page = await visitor.GetDocumentAsync("/recherche?q=" + Uri.EscapeDataString("alimentation saine quartier"));
            if (page.QuerySelectorAll("main .result a").Any(a => a.GetAttribute("href") == "/bulletin/42")) break;
            await Task.Delay(100);
        }
        var hit = page!.QuerySelectorAll("main .result").Single(r => r.QuerySelector("a")!.GetAttribute("href") == "/bulletin/42");
        Assert.Contains("Bulletin", hit.TextContent);
        Assert.Contains("trouvé dans l'article « Sécurité alimentaire : le portrait avant l'action »", hit.TextContent);
    }

    [Fact]
    public async Task UnderARegionsAddress_TheNetworksBulletinIsRead()
    {
        var visitor = factory.CreatePortalClient();
        Assert.Contains("Agir sur les déterminants sociaux de la santé", (await visitor.GetDocumentAsync("/lanaudiere/bulletin")).QuerySelector("main")!.TextContent);
        Assert.Equal("La concertation, un métier qui s'apprend", (await visitor.GetDocumentAsync("/lanaudiere/bulletin/41")).QuerySelector("main h1")!.TextContent.Trim());
        // Every home page shows the latest issue.
        foreach (var home in new[] { "/", "/lanaudiere/" })
            Assert.Contains("Agir sur les déterminants sociaux de la santé", (await visitor.GetDocumentAsync(home)).QuerySelector("#dernier-bulletin")!.ParentElement!.TextContent);
    }
}

public sealed class SqliteBulletinTests(SqlitePortalFactory factory) : BulletinTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresBulletinTests(PostgresPortalFactory factory) : BulletinTests<PostgresPortalFactory>(factory);
