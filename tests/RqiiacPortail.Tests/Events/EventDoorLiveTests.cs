using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Events;

/// <summary>
/// Several volunteers at one door, over real SignalR connections: each arrival reaches every organizer's door page
/// with the room's count, and no one else may listen (a member of the section, a visitor).
/// </summary>
public abstract class EventDoorLiveTests<TFactory>(TFactory factory) where TFactory : PortalFactory, ILiveSite
{
    private sealed class Door(HubConnection connection) : IAsyncDisposable
    {
        public Channel<JsonElement> Arrivals { get; } = Channel.CreateUnbounded<JsonElement>();

        public static async Task<Door> OpenAsync(LiveMember who)
        {
            var connection = new HubConnectionBuilder().WithUrl($"{who.BaseUrl}{EventsHub.Path}", o => o.Cookies = who.Cookies).Build();
            var door = new Door(connection);
            connection.On<JsonElement>("arrivee", a => door.Arrivals.Writer.TryWrite(a));
            await connection.StartAsync();
            return door;
        }

        public Task<bool> JoinAsync(int eventId) => connection.InvokeAsync<bool>("Accueillir", eventId);

        public async Task<JsonElement> NextAsync(int seconds = 10)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            return await Arrivals.Reader.ReadAsync(timeout.Token);
        }

        public async ValueTask DisposeAsync() => await connection.DisposeAsync();
    }

    [Fact]
    public async Task AnArrival_ReachesEveryOrganizersDoorPage_WithTheCount_AndNoOneElsesConnection()
    {
        var e = await factory.CreateEventAsync();
        await using var visitor = await LiveMember.SignInAsync(factory.BaseUrl, null);
        var code = await visitor.Http.RegisterAsync(e, "Visiteuse à l'accueil", $"porte-{Guid.NewGuid():N}@exemple.test");
        var registration = await factory.RegistrationAsync(code);
        await using var first = await LiveMember.SignInAsync(factory.BaseUrl, await factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator)));
        await using var second = await LiveMember.SignInAsync(factory.BaseUrl, await factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator)));
        await using var member = await LiveMember.SignInAsync(factory.BaseUrl, await factory.CreateMemberAsync("lanaudiere"));
        await using var firstDoor = await Door.OpenAsync(first);
        await using var secondDoor = await Door.OpenAsync(second);
        await using var memberDoor = await Door.OpenAsync(member);
        await using var visitorDoor = await Door.OpenAsync(visitor);

        Assert.True(await firstDoor.JoinAsync(e.Id));
        Assert.True(await secondDoor.JoinAsync(e.Id));
        Assert.False(await memberDoor.JoinAsync(e.Id));
        Assert.False(await visitorDoor.JoinAsync(e.Id));

        var marked = await first.Http.PostWithTokenAsync($"/admin/evenements/{e.Id}/accueil?handler=Presence&inscription={registration.Id}",
            new Dictionary<string, string> { ["present"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);

        foreach (var door in new[] { firstDoor, secondDoor })
        {
            var arrival = await door.NextAsync();
            Assert.Equal(registration.Id, arrival.GetProperty("registration").GetInt32());
            Assert.True(arrival.GetProperty("present").GetBoolean());
            Assert.Equal(1, arrival.GetProperty("count").GetInt32());
            Assert.Matches(@"^\d{1,2} h \d{2}$", arrival.GetProperty("at").GetString());
            // Who arrived goes by registration number only: the names are on the organizers' pages already.
            Assert.DoesNotContain("Visiteuse", arrival.GetRawText());
        }
        // Taken back: the count goes down on the other volunteer's page too.
        await second.Http.PostWithTokenAsync($"/admin/evenements/{e.Id}/accueil?handler=Presence&inscription={registration.Id}",
            new Dictionary<string, string> { ["present"] = "false" });
        var undone = await firstDoor.NextAsync();
        Assert.False(undone.GetProperty("present").GetBoolean());
        Assert.Equal(0, undone.GetProperty("count").GetInt32());

        Assert.False(memberDoor.Arrivals.Reader.TryRead(out _));
        Assert.False(visitorDoor.Arrivals.Reader.TryRead(out _));
    }
}

public sealed class SqliteEventDoorLiveTests(KestrelPortalFactory factory) : EventDoorLiveTests<KestrelPortalFactory>(factory), IClassFixture<KestrelPortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventDoorLiveTests(PostgresKestrelPortalFactory factory) : EventDoorLiveTests<PostgresKestrelPortalFactory>(factory), IClassFixture<PostgresKestrelPortalFactory>;
