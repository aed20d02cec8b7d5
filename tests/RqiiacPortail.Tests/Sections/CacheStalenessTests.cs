using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Sections;

/// <summary>
/// Issue 12: what the caches keep never outlives a change that matters. Each test fills the caches with a first
/// request (asked twice, so that the second is served from them), makes the change through the site, and checks
/// the very next request. Across instances: <see cref="Notifications.ScaleOutTests"/>.
/// </summary>
public abstract class CacheStalenessTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static List<KeyValuePair<string, string>> Fields(string title, int sectionId, string visibility) =>
    [
        new("Input.Title", title), new("Input.Summary", "Une fiche pour éprouver les caches."), new("Input.SectionId", sectionId.ToString()),
        new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", visibility), new("Input.Author", "Équipe de test"),
    ];

    private async Task<(HttpClient Author, int Id, string Title)> ShareAsync(string visibility = "Public")
    {
        var account = await factory.CreateMemberAsync("lanaudiere");
        var author = factory.CreatePortalClient();
        await author.SignInAsync(account);
        // A word of letters only, that the French analysis keeps whole: search finds this tool by it alone.
        var title = "Fiche " + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + c % 26)));
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var response = await author.SubmitMultipartAsync("/lanaudiere/outils/nouveau", Fields(title, lanaudiere.Id, visibility),
            [("Input.Files", "fiche.pdf", SampleFiles.Pdf("Fiche de test"))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.EventsHandledAsync();
        return (author, int.Parse(response.Headers.Location!.OriginalString.Split("/outils/")[1].Split('/')[0]), title);
    }

    /// <summary>The page, asked twice: the second answer comes from the output cache when the page may be kept.</summary>
    private static async Task<HttpResponseMessage> TwiceAsync(HttpClient client, string url)
    {
        (await client.GetAsync(url)).Dispose();
        return await client.GetAsync(url);
    }

    [Fact]
    public async Task AnAnonymousPage_IsKeptWhole_WithoutTokenNameOrBell()
    {
        var visitor = factory.CreatePortalClient();
        var kept = await TwiceAsync(visitor, "/outils");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.True(kept.Headers.Age is not null, "the second anonymous request is served from the output cache");
        var body = await kept.BodyAsync();
        Assert.DoesNotContain("__RequestVerificationToken", body);
        Assert.Contains("Se connecter", body);
        // Its style is allowed by hash, so that the kept copy still matches the header it goes out with.
        var style = Html.Parse(body).QuerySelector("head style")!.TextContent;
        Assert.Contains($"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)))}'",
            kept.Headers.GetValues("Content-Security-Policy").Single());

        // Two members after it: each gets a page of their own, with their name and their sign-out token, never the kept one.
        foreach (var name in new[] { "première", "seconde" })
        {
            var account = await factory.CreateMemberAsync("lanaudiere");
            var member = factory.CreatePortalClient();
            await member.SignInAsync(account);
            var own = await TwiceAsync(member, "/outils");
            Assert.Null(own.Headers.Age);
            var page = Html.Parse(await own.BodyAsync());
            Assert.Contains("Membre " + account.Email.Split('@')[0].Split('-')[1], page.QuerySelector("header")!.TextContent);
            Assert.NotNull(page.QuerySelector("header form input[name=__RequestVerificationToken]"));
            Assert.DoesNotContain("Se connecter", page.QuerySelector("header")!.TextContent);
        }
    }

    [Fact]
    public async Task TheSignOutToken_IsGivenAgainForItsCookieAndMember_AndStillSignsOut()
    {
        static async Task<string> TokenAsync(HttpClient client) =>
            (await client.GetDocumentAsync("/regions")).QuerySelector("header form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var browser = factory.CreatePortalClient();
        await browser.SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var first = await TokenAsync(browser);
        Assert.Equal(first, await TokenAsync(browser));
        var page = await browser.GetAsync("/regions");
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());

        // Signed out with it, and another member signing in on the same browser (same antiforgery cookie) gets another.
        var signedOut = await browser.PostAsync("/compte/deconnexion", new FormUrlEncodedContent([new("__RequestVerificationToken", first)]));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("Se connecter", await (await browser.GetAsync("/regions")).BodyAsync());
        await browser.SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var second = await TokenAsync(browser);
        Assert.NotEqual(first, second);
        var forged = await browser.PostAsync("/compte/deconnexion", new FormUrlEncodedContent([new("__RequestVerificationToken", first)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task AMadeUpLongQuery_IsNeverKept()
    {
        // Every made-up query would be one more copy to keep: past 300 characters, none is.
        var visitor = factory.CreatePortalClient();
        var url = "/outils?n=" + new string('x', 400);
        var twice = await TwiceAsync(visitor, url);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Null(twice.Headers.Age);
        Assert.NotNull((await TwiceAsync(visitor, "/outils?n=court")).Headers.Age);
    }

    [Fact]
    public async Task AVisitorWithAMessageToRead_GetsAPageOfTheirOwn()
    {
        var visitor = factory.CreatePortalClient();
        (await TwiceAsync(visitor, "/regions")).Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/regions");
        request.Headers.Add("Cookie", "rqiiac.message=illisible");
        var own = await visitor.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Null(own.Headers.Age);
    }

    [Fact]
    public async Task AWithdrawnTool_IsGoneFromEveryKeptPage_AtTheNextRequest()
    {
        var (author, id, title) = await ShareAsync();
        var visitor = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, (await TwiceAsync(visitor, $"/lanaudiere/outils/{id}")).StatusCode);
        Assert.Contains(title, await (await TwiceAsync(visitor, "/outils")).BodyAsync());
        Assert.Contains(title, await (await TwiceAsync(visitor, "/lanaudiere/")).BodyAsync());

        var withdrawn = await author.SubmitFormAsync($"/lanaudiere/outils/{id}", new Dictionary<string, string>(), handler: "Retirer");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
        Assert.DoesNotContain(title, await (await visitor.GetAsync("/outils")).BodyAsync());
        Assert.DoesNotContain(title, await (await visitor.GetAsync("/lanaudiere/")).BodyAsync());
    }

    [Fact]
    public async Task AVisitorsKeptSearchResults_FollowTheIndex_OnceItLetsAWithdrawnToolGo()
    {
        var (author, _, title) = await ShareAsync();
        var url = "/recherche?q=" + title.Split(' ')[1];
        var visitor = factory.CreatePortalClient();
        async Task<string> ResultsAsync() => Html.Parse(await (await visitor.GetAsync(url)).BodyAsync()).QuerySelector("#resultats")!.TextContent.Trim();
        for (var i = 0; i < 50 && await ResultsAsync() != "1 résultat"; i++) await Task.Delay(100);
        Assert.NotNull((await visitor.GetAsync(url)).Headers.Age);

        var id = int.Parse((await visitor.GetDocumentAsync(url)).QuerySelector("ol.results a")!.GetAttribute("href")!.Split("/outils/")[1].Split('-')[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await author.SubmitFormAsync($"/lanaudiere/outils/{id}", new Dictionary<string, string>(), handler: "Retirer")).StatusCode);

        // The index lets it go a moment after the commit: the kept page follows the index, not only the commit.
        var results = "";
        for (var i = 0; i < 50 && (results = await ResultsAsync()) != "Aucun résultat"; i++) await Task.Delay(100);
        Assert.Equal("Aucun résultat", results);
    }

    [Fact]
    public async Task AToolMadeMembersOnly_ThenSectionOnly_IsNoLongerServedToWhoMayNotSeeIt()
    {
        var (author, id, title) = await ShareAsync();
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var visitor = factory.CreatePortalClient();
        var other = factory.CreatePortalClient();
        await other.SignInAsync(await factory.CreateMemberAsync("monteregie"));
        foreach (var reader in new[] { visitor, other })
        {
            Assert.Equal(HttpStatusCode.OK, (await TwiceAsync(reader, $"/lanaudiere/outils/{id}")).StatusCode);
            Assert.Contains(title, await (await TwiceAsync(reader, "/lanaudiere/outils")).BodyAsync());
        }

        Assert.Equal(HttpStatusCode.Redirect, (await author.SubmitFormAsync($"/lanaudiere/outils/{id}/modifier", Fields(title, lanaudiere.Id, "Members").ToDictionary())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
        Assert.DoesNotContain(title, await (await visitor.GetAsync("/lanaudiere/outils")).BodyAsync());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await author.SubmitFormAsync($"/lanaudiere/outils/{id}/modifier", Fields(title, lanaudiere.Id, "SectionMembers").ToDictionary())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
        Assert.DoesNotContain(title, await (await other.GetAsync("/lanaudiere/outils")).BodyAsync());
        Assert.DoesNotContain(title, await (await other.GetAsync("/")).BodyAsync());
    }

    [Fact]
    public async Task ADisabledSection_Answers404_AtTheNextRequest()
    {
        var admin = factory.CreatePortalClient();
        await admin.SignInAsync(await factory.CreateMemberAsync("lanaudiere", [], [Roles.Administrator]));
        var code = Random.Shared.Next(100_000, 99_999_999).ToString();
        var slug = "region-" + code;
        var created = await admin.SubmitFormAsync("/admin/sections/nouvelle", new Dictionary<string, string>
        {
            ["Input.Name"] = "Région " + code, ["Input.Code"] = code, ["Input.Slug"] = slug, ["Input.Recipe"] = "region.recipe.json",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.TextAsync());
        var visitor = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, (await TwiceAsync(visitor, $"/{slug}/")).StatusCode);
        Assert.Contains("Région " + code, await (await TwiceAsync(visitor, "/regions")).BodyAsync());

        var disabled = await admin.SubmitFormAsync(created.Headers.Location!.OriginalString, new Dictionary<string, string>
        {
            ["Input.Name"] = "Région " + code, ["Input.AccentColor"] = "#005a70", ["Input.Description"] = "Fermée.", ["Input.HostNames"] = "", ["Input.Active"] = "false",
        });
        Assert.True(disabled.StatusCode == HttpStatusCode.Redirect, await disabled.TextAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/{slug}/")).StatusCode);
        Assert.DoesNotContain("Région " + code, await (await visitor.GetAsync("/regions")).BodyAsync());
    }

    [Fact]
    public async Task AWithdrawnRole_TakesItsRightsAway_AtTheNextRequest()
    {
        var account = await factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var coordinator = factory.CreatePortalClient();
        await coordinator.SignInAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await TwiceAsync(coordinator, "/admin/annonces")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Web.Data.PortalDbContext>();
            var member = await db.Users.SingleAsync(u => u.Email == account.Email);
            var grant = await db.Set<SectionRole>().SingleAsync(r => r.UserId == member.Id && r.Role == Roles.Coordinator);
            await scope.ServiceProvider.GetRequiredService<RoleGrants>().WithdrawAsync(member, grant, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/admin/annonces")).StatusCode);
    }

    [Fact]
    public async Task TheBell_CountsWhatArrives_AndWhatIsRead_AtTheNextRequest()
    {
        var account = await factory.CreateMemberAsync("lanaudiere");
        var member = factory.CreatePortalClient();
        await member.SignInAsync(account);
        async Task<string> BellAsync() => (await member.GetDocumentAsync("/regions")).QuerySelector("[data-unread-count]")!.TextContent;
        var before = await BellAsync();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Web.Modules.Notifications.Contracts.INotifier>().NotifyAsync(
                new Web.Modules.Notifications.Contracts.Notice(Web.Modules.Notifications.NotificationsModule.Announcement.Key, [account.UserId!], "Une annonce", "/"), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Web.Data.PortalDbContext>().SaveChangesAsync();
        }
        Assert.NotEqual(before, await BellAsync());

        var read = await member.SubmitFormAsync("/notifications", new Dictionary<string, string>(), handler: "ToutLire");
        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.Equal(before, await BellAsync());
    }
}

public sealed class SqliteCacheStalenessTests(SqlitePortalFactory factory) : CacheStalenessTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCacheStalenessTests(PostgresPortalFactory factory) : CacheStalenessTests<PostgresPortalFactory>(factory);
