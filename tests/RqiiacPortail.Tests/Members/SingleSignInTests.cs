using System.Net;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Members;

/// <summary>One sign-in for the whole network: signed in under one prefix, seen under every other; signed out anywhere, out everywhere.</summary>
public abstract class SingleSignInTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    [Fact]
    public async Task SignedInUnderASectionsPrefix_TheNationalSiteAndOtherSectionsSeeTheMember()
    {
        var member = await factory.CreateMemberAsync("lanaudiere");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(member, "/lanaudiere");

        foreach (var url in new[] { "/compte", "/monteregie/compte", "/membres", "/lanaudiere/compte" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task SigningOutUnderAnotherPrefix_SignsOutEverywhere()
    {
        var member = await factory.CreateMemberAsync("lanaudiere");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(member, "/lanaudiere");
        await client.SignInAsync(member);

        var signedOut = await client.SubmitFormAsync("/monteregie/compte/deconnexion", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        foreach (var url in new[] { "/compte", "/lanaudiere/compte", "/monteregie/compte" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/compte/connexion", response.Headers.Location!.OriginalString);
        }
    }
}

public sealed class SqliteSingleSignInTests(SqlitePortalFactory factory) : SingleSignInTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSingleSignInTests(PostgresPortalFactory factory) : SingleSignInTests<PostgresPortalFactory>(factory);
