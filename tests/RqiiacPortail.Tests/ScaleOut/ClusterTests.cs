using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.ScaleOut;

/// <summary>
/// Two instances behave as one: whichever the proxy picks, or whichever a member reached first, sees the same
/// member, the same content, the same files and the same live pushes, within seconds.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTests(Cluster cluster) : IClassFixture<Cluster>
{
    private TestAccount Account(string email) => cluster.SampleAccounts()[email];

    private const string Member = "membre.lanaudiere@exemple.rqiiac.qc.ca";
    private const string Administrator = "admin@exemple.rqiiac.qc.ca";

    [Fact]
    public async Task SignedInThroughTheProxy_BothHostsServeTheMember_AndTakeEachOthersForms()
    {
        await using var member = await LiveMember.SignInAsync(cluster.Proxy.Url, Account(Member));

        var served = new HashSet<string>();
        for (var i = 0; i < 8; i++)
        {
            using var page = await member.Http.GetAsync("/compte");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            served.Add(page.Headers.GetValues("X-Upstream").Single());
            // A form shown by one host, posted to whichever comes next.
            var saved = await member.Http.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string> { ["DigestHour"] = (7 + i % 3).ToString() });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        Assert.Equal(2, served.Count);
    }

    [Fact]
    public async Task BothHosts_AreReadyThroughTheProxy()
    {
        using var http = new HttpClient();
        foreach (var url in new[] { cluster.One.Url, cluster.Two.Url, cluster.Proxy.Url })
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{url}/health/ready")).StatusCode);
    }

    [Fact]
    public async Task ANotificationRaisedThroughOne_ReachesAMemberConnectedToTheOther_AndOneThroughTheProxy()
    {
        var memberAccount = Account(Member);
        await using var onTwo = await LiveMember.SignInAsync(cluster.Two.Url, memberAccount);
        var tabOnTwo = await onTwo.ConnectAsync();
        // The same member in another browser, connected through nginx (a WebSocket through the proxy).
        await using var throughProxy = await LiveMember.SignInAsync(cluster.Proxy.Url, memberAccount);
        var tabThroughProxy = await throughProxy.ConnectAsync();

        // A real action on instance 1: the administrator grants the member a role.
        await using var admin = await LiveMember.SignInAsync(cluster.One.Url, Account(Administrator));
        var memberId = await FindUserIdAsync(admin, memberAccount.Email);
        var section = "Laurentides";
        var option = (await admin.Http.GetDocumentAsync($"/admin/membres/{memberId}"))
            .QuerySelectorAll("#grant-section option").Single(o => o.TextContent.Contains(section)).GetAttribute("value")!;
        var granted = await admin.Http.SubmitFormAsync($"/admin/membres/{memberId}",
            new Dictionary<string, string> { ["Grant.SectionId"] = option, ["Grant.Role"] = Roles.Moderator }, handler: "Attribuer");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);

        var expected = $"Vous avez maintenant le rôle « Modération » dans la section {section}.";
        Assert.Equal(expected, (await tabOnTwo.NextAsync(seconds: 15)).Title);
        Assert.Equal(expected, (await tabThroughProxy.NextAsync(seconds: 15)).Title);
    }

    [Fact]
    public async Task AToolSharedThroughOne_IsFoundThroughTheOther_ItsFileDownloadsThere_AndItsWithdrawalIsSeenThere()
    {
        await using var author = await LiveMember.SignInAsync(cluster.One.Url, Account(Member));
        var form = await author.Http.GetDocumentAsync("/lanaudiere/outils/nouveau");
        var lanaudiere = form.QuerySelectorAll("select[name='Input.SectionId'] option").Single(o => o.TextContent.Contains("Lanaudière")).GetAttribute("value")!;
        var word = "grappe" + string.Concat(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + c % 26)));
        var title = $"Fiche {word}";
        var pdf = SampleFiles.Pdf("Fiche", "Une fiche d'une instance à l'autre.");
        var shared = await author.Http.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
            [new("Input.Title", title), new("Input.Summary", "Une fiche d'une instance à l'autre."), new("Input.SectionId", lanaudiere),
             new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public")],
            [("Input.Files", "fiche.pdf", pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        var id = int.Parse(shared.Headers.Location!.OriginalString.Split("/outils/")[1].Split('/')[0]);

        // Published once either instance has read its file; then found by instance 2's own index.
        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(cluster.Two.Url) };
        string? results = null;
        for (var i = 0; i < 100 && results?.Contains(title) != true; i++)
        {
            if (i > 0) await Task.Delay(200);
            results = await visitor.GetStringAsync($"/recherche?q={word}");
        }
        Assert.Contains(title, results);

        var page = await visitor.GetDocumentAsync($"/lanaudiere/outils/{id}");
        var download = page.QuerySelector($"a[href*='/outils/{id}/fichiers/']")!.GetAttribute("href")!;
        using var file = await visitor.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());

        // A copy kept on instance two (its catalog, the pages kept in Redis) outlives no change made through one.
        (await visitor.GetAsync("/outils")).Dispose();
        var kept = await visitor.GetAsync("/outils");
        Assert.NotNull(kept.Headers.Age);
        Assert.Contains(title, await kept.Content.ReadAsStringAsync());
        var withdrawn = await author.Http.SubmitFormAsync($"/lanaudiere/outils/{id}", new Dictionary<string, string>(), handler: "Retirer");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
        Assert.DoesNotContain(title, await (await visitor.GetAsync("/outils")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ARebuildAskedThroughOne_RebuildsTheIndexOfBoth()
    {
        await using var admin = await LiveMember.SignInAsync(cluster.One.Url, Account(Administrator));
        var asked = await admin.Http.SubmitFormAsync("/admin/recherche", new Dictionary<string, string>(), handler: "Reconstruire");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var requestedAt = await cluster.WithDbAsync(db => db.Set<RqiiacPortail.Web.Modules.Search.IndexLogState>().Select(s => s.RebuildRequested).SingleAsync());

        // Each instance says its own index is made for the latest request once it rebuilt it.
        foreach (var url in new[] { cluster.One.Url, cluster.Two.Url })
        {
            await using var reader = await LiveMember.SignInAsync(url, Account(Administrator));
            string? state = null;
            for (var i = 0; i < 100 && state != "À jour"; i++)
            {
                if (i > 0) await Task.Delay(200);
                state = (await reader.Http.GetDocumentAsync("/admin/recherche")).QuerySelector("#etat-index")!.TextContent;
            }
            Assert.Equal("À jour", state);
        }
        Assert.True(requestedAt >= 1);
    }

    private static async Task<string> FindUserIdAsync(LiveMember admin, string email)
    {
        var list = await admin.Http.GetDocumentAsync($"/admin/membres?q={Uri.EscapeDataString(email)}");
        var href = list.QuerySelector("main table a")!.GetAttribute("href")!;
        return href[(href.LastIndexOf('/') + 1)..];
    }
}
