using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using static RqiiacPortail.Tests.Forum.ForumSteps;

namespace RqiiacPortail.Tests.Forum;

/// <summary>
/// Live groups never outlive access, over real SignalR connections: a thread moved out of a reader's reach, a
/// category closed, a role withdrawn, a session ended — the open page stops receiving at once.
/// </summary>
public abstract class ForumLiveAccessTests<TFactory>(TFactory factory) where TFactory : PortalFactory, ILiveSite
{
    private async Task<(TestAccount Account, LiveMember Live)> SignInAsync(TestAccount? account)
    {
        var live = await LiveMember.SignInAsync(factory.BaseUrl, account);
        return (account!, live);
    }

    private async Task<HttpClient> ModeratorAsync() =>
        (await SignInAsync(await factory.CreateMemberAsync("lanaudiere", ("national", Roles.Moderator), ("lanaudiere", Roles.Moderator)))).Live.Http;

    [Fact]
    public async Task AThreadMovedIntoASectionsOwnCategory_StopsReachingAnOutsidersOpenPage()
    {
        var moderator = await ModeratorAsync();
        var thread = await moderator.StartThreadAsync(Practices, "Un sujet qui va déménager", "Bientôt dans l'entraide régionale.");
        var (_, outsider) = await SignInAsync(await factory.CreateMemberAsync("monteregie"));
        var (_, insider) = await SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        await using var outsiders = await ForumWatcher.OpenAsync(outsider);
        await using var insiders = await ForumWatcher.OpenAsync(insider);
        Assert.True(await outsiders.ReadAsync(thread));
        Assert.True(await insiders.ReadAsync(thread));

        var target = await factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().Where(c => c.Slug == LanaudiereHelp).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ModerateAsync("Deplacer", new Dictionary<string, string>
            { ["sujet"] = thread.ToString(), ["categorie"] = target.ToString(), ["motif"] = "Question régionale." })).StatusCode);

        // Told to ask again; asked, the outsider is refused, the insider let back in.
        await outsiders.NextAsync("relire");
        await insiders.NextAsync("relire");
        Assert.False(await outsiders.ReadAsync(thread));
        Assert.True(await insiders.ReadAsync(thread));
        var beacon = await moderator.StartThreadAsync(Practices, "Un sujet resté ouvert", "Lisible par tous.");
        Assert.True(await outsiders.ReadAsync(beacon));
        await moderator.ReplyAsync("/lanaudiere", thread, "Réponse réservée à la région : colibri.");
        Assert.Contains("colibri", (await insiders.NextAsync("message")).Json);
        // A reply elsewhere after it: the outsider's next push is that one, never the reserved reply.
        await moderator.ReplyAsync("", beacon, "Réponse ouverte à tous : mésange.");
        Assert.Contains("mésange", (await outsiders.NextAsync("message")).Json);
    }

    [Fact]
    public async Task ACategoryMadeMembersOnly_StopsReachingAVisitorsOpenPage()
    {
        var admin = (await SignInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]))).Live.Http;
        var national = (await factory.SectionAsync("national")).Id;
        var unique = Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/discussions/{national}",
            new Dictionary<string, string> { ["Input.Name"] = $"Ouverte {unique}", ["Input.Slug"] = "", ["Input.Access"] = "Public", ["Input.Description"] = "" }, "Ajouter")).StatusCode);
        var category = await factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().SingleAsync(c => c.Slug == $"ouverte-{unique}"));
        var thread = await admin.StartThreadAsync(category.Slug, "Un sujet encore ouvert", "Lisible par tous, pour l'instant.");
        var (_, visitor) = await SignInAsync(null);
        await using var page = await ForumWatcher.OpenAsync(visitor);
        Assert.True(await page.ReadAsync(thread));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/discussions/categories/{category.Id}",
            new Dictionary<string, string> { ["Input.Name"] = $"Fermée {unique}", ["Input.Description"] = "", ["Input.Access"] = "Members" })).StatusCode);

        await page.NextAsync("relire");
        Assert.False(await page.ReadAsync(thread));
        var beacon = await admin.StartThreadAsync(Practices, "Un sujet toujours public", "Lisible par tous.");
        Assert.True(await page.ReadAsync(beacon));
        await admin.ReplyAsync("", thread, "Désormais entre membres : pangolin.");
        // A public reply after it: the visitor's next push is that one, never the members' reply.
        await admin.ReplyAsync("", beacon, "Toujours public : tamia.");
        Assert.Contains("tamia", (await page.NextAsync("message")).Json);
    }

    [Fact]
    public async Task AWithdrawnRole_AndAnEndedSession_CloseTheMembersConnections()
    {
        var moderator = await ModeratorAsync();
        var thread = await moderator.StartThreadAsync(LanaudiereHelp, "Entre gens de la région", "Un sujet de la section.");
        var (member, live) = await SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        await using var page = await ForumWatcher.OpenAsync(live, "/lanaudiere");
        Assert.True(await page.ReadAsync(thread));

        // Their membership of the section withdrawn: the connection closes, and a new one may not follow the thread.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var grants = scope.ServiceProvider.GetRequiredService<RoleGrants>();
            var user = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<PortalUser>().SingleAsync(u => u.Id == member.UserId);
            var grant = (await grants.InSectionsAsync(member.UserId, CancellationToken.None)).Single(g => g.Role == Roles.Member);
            await grants.WithdrawAsync(user, grant, CancellationToken.None);
        }
        await page.NextAsync("ferme");
        await using (var again = await ForumWatcher.OpenAsync(live, "/lanaudiere"))
            Assert.False(await again.ReadAsync(thread));

        // Another member's session ended from another browser: their open page closes too.
        var (other, otherLive) = await SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        await using var otherPage = await ForumWatcher.OpenAsync(otherLive, "/lanaudiere");
        Assert.True(await otherPage.ReadAsync(thread));
        var elsewhere = (await SignInAsync(other)).Live.Http;
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.SubmitFormAsync("/compte/deconnexion", new Dictionary<string, string>(), "Partout")).StatusCode);
        await otherPage.NextAsync("ferme");
        Assert.Equal(HubConnectionState.Disconnected, otherPage.State);
    }
}

public sealed class SqliteForumLiveAccessTests(KestrelPortalFactory factory) : ForumLiveAccessTests<KestrelPortalFactory>(factory), IClassFixture<KestrelPortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresForumLiveAccessTests(PostgresKestrelPortalFactory factory) : ForumLiveAccessTests<PostgresKestrelPortalFactory>(factory), IClassFixture<PostgresKestrelPortalFactory>;

/// <summary>Live connections are capped per address and per member, with a clear refusal.</summary>
public sealed class LiveConnectionCapTests(LiveConnectionCapTests.CappedFactory factory) : IClassFixture<LiveConnectionCapTests.CappedFactory>
{
    public sealed class CappedFactory : KestrelPortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("Live:MaxConnectionsPerAddress", "6"), new("Live:MaxConnectionsPerMember", "3")];
    }

    private HubConnection Connection(LiveMember? member = null) =>
        new HubConnectionBuilder().WithUrl($"{factory.BaseUrl}{ForumHub.Path}", o => { if (member is not null) o.Cookies = member.Cookies; }).Build();

    /// <summary>Waits until the hub has counted this many connections (it counts them just after their handshake).</summary>
    private async Task CountedAsync(int count)
    {
        var registry = factory.Services.GetRequiredService<LiveConnections>();
        for (var i = 0; i < 100 && registry.Count != count; i++) await Task.Delay(50);
        Assert.Equal(count, registry.Count);
    }

    [Fact]
    public async Task PastTheCaps_TheNextConnectionIsRefused_InFrench_UntilOneCloses()
    {
        var member = await LiveMember.SignInAsync(factory.BaseUrl, await factory.CreateMemberAsync("lanaudiere"));
        var open = new List<HubConnection>();
        try
        {
            for (var i = 0; i < 3; i++) { var c = Connection(member); await c.StartAsync(); open.Add(c); }
            await CountedAsync(3);
            var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => Connection(member).StartAsync());
            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            using (var negotiate = await member.Http.PostAsync($"{ForumHub.Path}/negotiate?negotiateVersion=1", null))
            {
                Assert.Equal((HttpStatusCode)429, negotiate.StatusCode);
                Assert.Equal(LiveConnections.TooManyForMember, await negotiate.Content.ReadAsStringAsync());
            }

            // Visitors from the same address fill it up to its own cap.
            for (var i = 0; i < 3; i++) { var c = Connection(); await c.StartAsync(); open.Add(c); }
            await CountedAsync(6);
            Assert.Equal((HttpStatusCode)429, (await Assert.ThrowsAnyAsync<HttpRequestException>(() => Connection().StartAsync())).StatusCode);
            using (var negotiate = await new HttpClient().PostAsync($"{factory.BaseUrl}{ForumHub.Path}/negotiate?negotiateVersion=1", null))
                Assert.Equal(LiveConnections.TooManyFromAddress, await negotiate.Content.ReadAsStringAsync());

            // One closes: the next is let in.
            await open[^1].DisposeAsync();
            open.RemoveAt(open.Count - 1);
            await CountedAsync(5);
            var again = Connection();
            await again.StartAsync();
            open.Add(again);
            await CountedAsync(6);
        }
        finally
        {
            foreach (var c in open) await c.DisposeAsync();
            await member.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoConnectionsRacingForTheLastPlace_OneIsClosedByTheHub()
    {
        var hub = factory.Services.GetRequiredService<LiveConnections>();
        await CountedAsync(0);
        // Ten at once from one address capped at six: whatever the negotiations saw, the hub keeps six.
        var connections = Enumerable.Range(0, 10).Select(_ => Connection()).ToList();
        await Task.WhenAll(connections.Select(async c => { try { await c.StartAsync(); } catch (HttpRequestException) { } }));
        for (var i = 0; i < 100 && connections.Count(c => c.State == HubConnectionState.Connected) > 6; i++) await Task.Delay(50);
        Assert.Equal(6, connections.Count(c => c.State == HubConnectionState.Connected));
        Assert.True(hub.Count <= 6);
        foreach (var c in connections) await c.DisposeAsync();
    }
}

/// <summary>This process keeps at most <c>Live:MaxUpgradedConnections</c> WebSockets open (Kestrel's own limit).</summary>
public sealed class UpgradedConnectionCapTests(UpgradedConnectionCapTests.CappedFactory factory) : IClassFixture<UpgradedConnectionCapTests.CappedFactory>
{
    public sealed class CappedFactory : KestrelPortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Live:MaxUpgradedConnections", "2")];
    }

    [Fact]
    public async Task PastTheProcesssCap_ANewWebSocketIsRefused()
    {
        HubConnection WebSocket() => new HubConnectionBuilder()
            .WithUrl($"{factory.BaseUrl}{ForumHub.Path}", Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets).Build();
        await using var first = WebSocket();
        await using var second = WebSocket();
        await first.StartAsync();
        await second.StartAsync();

        await using var third = WebSocket();
        await Assert.ThrowsAnyAsync<Exception>(() => third.StartAsync());

        await first.StopAsync();
        for (var i = 0; i < 50; i++)
        {
            await using var next = WebSocket();
            try
            {
                await next.StartAsync();
                return;
            }
            catch (Exception) { await Task.Delay(100); }
        }
        Assert.Fail("No WebSocket was let in once one had closed.");
    }
}
