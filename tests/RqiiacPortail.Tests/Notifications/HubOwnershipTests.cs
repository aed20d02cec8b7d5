using System.Net;
using System.Text.Json;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>A hub connection's token works only for the member who negotiated it (long polling presents it at every request).</summary>
public abstract class HubOwnershipTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, ILiveSite
{
    [Fact]
    public async Task AnotherMembersConnectionToken_IsUnknownToMe()
    {
        await using var owner = await LiveMember.SignInAsync(factory.BaseUrl, await factory.CreateMemberAsync("lanaudiere"));
        await using var other = await LiveMember.SignInAsync(factory.BaseUrl, await factory.CreateMemberAsync("lanaudiere"));

        var negotiated = await owner.Http.PostAsync("/hubs/notifications/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, negotiated.StatusCode);
        using var answer = JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync());
        var token = Uri.EscapeDataString(answer.RootElement.GetProperty("connectionToken").GetString()!);
        var handshake = new StringContent("{\"protocol\":\"json\",\"version\":1}\u001e");

        var stolenSend = await other.Http.PostAsync($"/hubs/notifications?id={token}", handshake);
        var stolenPoll = await other.Http.GetAsync($"/hubs/notifications?id={token}");
        var ownSend = await owner.Http.PostAsync($"/hubs/notifications?id={token}", new StringContent("{\"protocol\":\"json\",\"version\":1}\u001e"));

        Assert.Equal(HttpStatusCode.NotFound, stolenSend.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stolenPoll.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownSend.StatusCode);
    }
}

public sealed class SqliteHubOwnershipTests(KestrelPortalFactory factory) : HubOwnershipTests<KestrelPortalFactory>(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresHubOwnershipTests(PostgresKestrelPortalFactory factory) : HubOwnershipTests<PostgresKestrelPortalFactory>(factory);
