using System.Net;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Security;

public sealed class RateLimitTests(RateLimitTests.StrictFactory factory) : IClassFixture<RateLimitTests.StrictFactory>
{
    public sealed class StrictFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("RateLimits:SignInPerMinute", "3")];
    }

    [Fact]
    public async Task SignInAttempts_AreLimitedPerClient_ButReadingThePageIsNot()
    {
        var client = factory.CreatePortalClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.SubmitFormAsync("/compte/connexion", new Dictionary<string, string>
            {
                ["Input.Email"] = "quelquun@test.rqiiac.qc.ca", ["Input.Password"] = "essai numéro " + i,
            });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity,
            (HttpStatusCode)429, (HttpStatusCode)429], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/compte/connexion")).StatusCode);
    }

    [Fact]
    public async Task TheTooManyAttemptsPage_IsAFrenchPageInTheSectionsLayout()
    {
        var client = factory.CreatePortalClient();
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++)
            response = await client.SubmitFormAsync("/lanaudiere/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = "page-429@test.rqiiac.qc.ca", ["Input.Password"] = "essai" });

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        var page = Html.Parse(await response.BodyAsync());
        Assert.Equal("fr-CA", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Trop de tentatives · Lanaudière · RQIIAC", page.Title);
        Assert.NotNull(page.QuerySelector("main a[href='/lanaudiere/']"));
    }
}

/// <summary>The sign-in limit per address and account, under the address's own cap (its own host: the cap counts every test's attempts).</summary>
public sealed class SignInAddressCapTests(SignInAddressCapTests.CappedFactory factory) : IClassFixture<SignInAddressCapTests.CappedFactory>
{
    public sealed class CappedFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("RateLimits:SignInPerMinute", "3"), new("RateLimits:SignInPerMinutePerAddress", "8")];
    }

    [Fact]
    public async Task TheLimit_CountsPerAddressAndAccount_SoColleaguesOnOneAddressStillSignIn_UpToTheAddresssOwnCap()
    {
        var client = factory.CreatePortalClient();
        async Task<HttpStatusCode> Try(string email) => (await client.SubmitFormAsync("/compte/connexion",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "essai" })).StatusCode;

        // Three for one colleague: the fourth is refused...
        for (var i = 0; i < 3; i++) await Try("collegue-a@test.rqiiac.qc.ca");
        Assert.Equal((HttpStatusCode)429, await Try("collegue-a@test.rqiiac.qc.ca"));
        // ...but the next colleague at the same address still gets an answer, until the address's own cap.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await Try("collegue-b@test.rqiiac.qc.ca"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add(await Try($"collegue-{i}@test.rqiiac.qc.ca"));
        Assert.Contains((HttpStatusCode)429, statuses);
    }
}
