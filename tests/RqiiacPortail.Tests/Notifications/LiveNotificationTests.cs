using System.Net;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>Real SignalR connections (the .NET client over WebSockets) against the portal on Kestrel.</summary>
public abstract class LiveNotificationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, ILiveSite
{
    private async Task RaiseAsync(string kind, string title, params string[] recipients)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(new Notice(kind, recipients, title, "/lanaudiere/"));
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
    }

    [Fact]
    public async Task ANotificationForA_ReachesEveryTabOfA_AndNotB()
    {
        var a = await factory.CreateMemberAsync("lanaudiere");
        var b = await factory.CreateMemberAsync("lanaudiere");
        await using var memberA = await LiveMember.SignInAsync(factory.BaseUrl, a);
        await using var memberB = await LiveMember.SignInAsync(factory.BaseUrl, b);
        var tab1 = await memberA.ConnectAsync();
        var tab2 = await memberA.ConnectAsync("/lanaudiere"); // the hub answers under a section's prefix too
        var tabB = await memberB.ConnectAsync();

        await RaiseAsync(RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key, "Le numéro 112 du bulletin est paru", a.UserId);

        var first = await tab1.NextAsync();
        var second = await tab2.NextAsync();
        Assert.Equal("Le numéro 112 du bulletin est paru", first.Title);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await tab1.Unread.Reader.ReadAsync());
        // B's own notice, raised after A's: the first thing B's tab receives is it, not A's.
        await RaiseAsync(RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key, "Le numéro 113 du bulletin est paru", b.UserId);
        Assert.Equal("Le numéro 113 du bulletin est paru", (await tabB.NextAsync()).Title);
    }

    [Fact]
    public async Task AnonymousConnections_AreRefused()
    {
        await using var visitor = await LiveMember.SignInAsync(factory.BaseUrl, null);

        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => visitor.ConnectAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task OfflineMember_FindsTheNotificationOnReturn_WithTheBellCount()
    {
        var a = await factory.CreateMemberAsync("estrie");
        await RaiseAsync(RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key, "Nouvelle réponse dans « Mobilisation en milieu rural »", a.UserId);
        await RaiseAsync(RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key, "Nouvelle réponse dans « Grille d'analyse du milieu »", a.UserId);

        await using var member = await LiveMember.SignInAsync(factory.BaseUrl, a);
        var page = await member.Http.GetDocumentAsync("/notifications");

        var items = page.QuerySelectorAll("[data-notification-id]").Select(li => li.QuerySelector("a")!.TextContent.Trim()).ToList();
        Assert.Equal(["Nouvelle réponse dans « Grille d'analyse du milieu »", "Nouvelle réponse dans « Mobilisation en milieu rural »"], items);
        Assert.Equal("2", page.QuerySelector("[data-unread-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task MarkingOneOrAllRead_UpdatesTheCount_AndOthersCannotTouchThem()
    {
        var a = await factory.CreateMemberAsync("estrie");
        var b = await factory.CreateMemberAsync("estrie");
        for (var i = 1; i <= 3; i++) await RaiseAsync(RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key, $"Réponse {i}", a.UserId);
        var ids = await factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == a.UserId).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync());
        await using var memberA = await LiveMember.SignInAsync(factory.BaseUrl, a);
        await using var memberB = await LiveMember.SignInAsync(factory.BaseUrl, b);

        // B can neither open nor mark A's notification.
        Assert.Equal(HttpStatusCode.NotFound, (await memberB.Http.GetAsync($"/notifications/{ids[0]}")).StatusCode);
        await memberB.Http.SubmitFormAsync("/notifications", new Dictionary<string, string>(), handler: "ToutLire");
        Assert.Equal(3, await UnreadAsync(a.UserId));

        var opened = await memberA.Http.GetAsync($"/notifications/{ids[0]}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/lanaudiere/", opened.Headers.Location!.OriginalString);
        Assert.Equal(2, await UnreadAsync(a.UserId));

        await memberA.Http.SubmitFormAsync("/notifications", new Dictionary<string, string>(), handler: "ToutLire");
        Assert.Equal(0, await UnreadAsync(a.UserId));
        var page = await memberA.Http.GetDocumentAsync("/notifications");
        Assert.Equal("0", page.QuerySelector("[data-unread-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task UnknownKinds_AndLinksOffTheSite_AreRejectedByTheApi()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();

        await Assert.ThrowsAsync<ArgumentException>(() => notifier.NotifyAsync(new Notice("inconnu", ["x"], "Titre", "/")));
        await Assert.ThrowsAsync<ArgumentException>(() => notifier.NotifyAsync(new Notice(RqiiacPortail.Web.Modules.Members.MembersModule.MembershipKind.Key, ["x"], "Titre", "https://ailleurs.example/")));
    }

    private Task<int> UnreadAsync(string userId) =>
        factory.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null));
}

public sealed class SqliteLiveNotificationTests(KestrelPortalFactory factory) : LiveNotificationTests<KestrelPortalFactory>(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresLiveNotificationTests(PostgresKestrelPortalFactory factory) : LiveNotificationTests<PostgresKestrelPortalFactory>(factory);
