using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members;

namespace RqiiacPortail.Tests.Members;

/// <summary>
/// Signing out ends the session on the server (ASVS 3.3.1): a copy of the cookie taken before opens nothing after;
/// « Se déconnecter de tous les appareils » ends every session of the account.
/// </summary>
public abstract class SessionTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static readonly Uri Site = new("http://localhost");

    /// <summary>A browser whose cookies the test can read and copy.</summary>
    private (HttpClient Client, CookieContainer Jar) Browser(CookieContainer? jar = null)
    {
        jar ??= new CookieContainer();
        return (factory.Started().CreateDefaultClient(Site, new CookieContainerHandler(jar)), jar);
    }

    private static CookieContainer CopyOf(CookieContainer jar)
    {
        var copy = new CookieContainer();
        copy.Add(jar.GetCookies(Site));
        return copy;
    }

    private static async Task<bool> OpensTheAccountAsync(HttpClient client) => (await client.GetAsync("/compte")).StatusCode == HttpStatusCode.OK;

    [Fact]
    public async Task SigningOut_EndsTheSessionOnTheServer_SoACopiedCookieOpensNothing()
    {
        var member = await factory.CreateMemberAsync("outaouais");
        var (browser, jar) = Browser();
        await browser.SignInAsync(member);
        var (thief, _) = Browser(CopyOf(jar));
        Assert.True(await OpensTheAccountAsync(thief));
        using (var copy = JsonDocument.Parse(await browser.GetStringAsync("/compte/donnees")))
            Assert.Equal(JsonValueKind.Null, copy.RootElement.GetProperty("compte").GetProperty("sessions")[0].GetProperty("fermee").ValueKind);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/compte/deconnexion", new Dictionary<string, string>())).StatusCode);

        Assert.False(await OpensTheAccountAsync(thief));
        Assert.False(await OpensTheAccountAsync(browser));
        Assert.NotNull(await factory.WithDbAsync(db => db.Set<MemberSession>().Where(s => s.UserId == member.UserId).Select(s => s.EndedAt).SingleAsync()));
        // Signing in again opens a new session.
        await browser.SignInAsync(member);
        Assert.True(await OpensTheAccountAsync(browser));
        Assert.False(await OpensTheAccountAsync(thief));
    }

    [Fact]
    public async Task SigningOutEverywhere_EndsEverySessionOfTheAccount_AndOnlyIts()
    {
        var member = await factory.CreateMemberAsync("outaouais");
        var other = await factory.CreateMemberAsync("outaouais");
        var (office, _) = Browser();
        var (phone, _) = Browser();
        var (neighbour, _) = Browser();
        await office.SignInAsync(member);
        await phone.SignInAsync(member);
        await neighbour.SignInAsync(other);
        await Task.Delay(1100); // the revocation counts cookies issued before its second

        var page = await office.GetDocumentAsync("/compte/deconnexion");
        Assert.Contains("Se déconnecter de tous les appareils", page.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitFormAsync("/compte/deconnexion", new Dictionary<string, string>(), "Partout")).StatusCode);

        Assert.False(await OpensTheAccountAsync(phone));
        Assert.False(await OpensTheAccountAsync(office));
        Assert.True(await OpensTheAccountAsync(neighbour));
        Assert.All(await factory.WithDbAsync(db => db.Set<MemberSession>().Where(s => s.UserId == member.UserId).ToListAsync()), s => Assert.NotNull(s.EndedAt));
    }
}

public sealed class SqliteSessionTests(SqlitePortalFactory factory) : SessionTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionTests(PostgresPortalFactory factory) : SessionTests<PostgresPortalFactory>(factory);

/// <summary>
/// A session ended in the database only (the shared cache's mark gone: expired, or an instance restarted without
/// Redis) is refused once the periodic check comes due.
/// </summary>
public sealed class EndedSessionCheckTests(EndedSessionCheckTests.ClockFactory factory) : IClassFixture<EndedSessionCheckTests.ClockFactory>
{
    public sealed class ClockFactory() : SqliteClockSite(DateTimeOffset.UtcNow);

    [Fact]
    public async Task ASessionEndedInTheDatabase_IsRefused_WhenTheCheckComesDue()
    {
        var member = await factory.CreateMemberAsync("outaouais");
        var browser = factory.CreatePortalClient();
        await browser.SignInAsync(member);
        await factory.WithDbAsync(db => db.Set<MemberSession>().Where(s => s.UserId == member.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, DateTimeOffset.UtcNow)));
        var other = await factory.CreateMemberAsync("outaouais");
        var live = factory.CreatePortalClient();
        await live.SignInAsync(other);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).StatusCode); // not due yet: the mark alone counts

        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        var after = await browser.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/compte/connexion", after.Headers.Location!.OriginalString);
        // A session still open passes the same check, and stays open.
        Assert.Equal(HttpStatusCode.OK, (await live.GetAsync("/compte")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await live.GetAsync("/compte")).StatusCode);
    }
}
