using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.DomainEvents;

/// <summary>
/// Side effects out of the request (issue 11): an announcement writes one event with its commit, and its
/// notifications are written after, a batch at a time; a handler stopped half-way resumes where it was.
/// The sites here do not handle events by themselves: the test runs the processor when it wants.
/// </summary>
public abstract class EventOutboxTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, IFailingSite
{
    internal static IEnumerable<KeyValuePair<string, string?>> ManualEvents() =>
        [new("Events:Handle", "false"), new("Events:BatchSize", "7"), new("Events:FirstRetryDelay", "00:00:00")];

    private EventOutboxProcessor Processor => factory.Services.GetRequiredService<EventOutboxProcessor>();

    private async Task<(List<TestAccount> Members, string Title)> AnnounceAsync(string slug, int members)
    {
        // What the national recipe raised (its sample tools) is handled first, out of the way.
        while (await Processor.ProcessAsync(default) > 0) { }
        var coordinator = await factory.CreateMemberAsync(slug, (slug, Roles.Coordinator));
        var audience = new List<TestAccount> { coordinator };
        for (var i = 1; i < members; i++) audience.Add(await factory.CreateMemberAsync(slug));
        var client = factory.CreatePortalClient();
        await client.SignInAsync(coordinator);
        var title = $"Rencontre régionale {Guid.NewGuid():N}";
        var section = await factory.SectionAsync(slug);
        var sent = await client.SubmitFormAsync("/admin/annonces", new Dictionary<string, string> { ["Input.Audience"] = section.Id.ToString(), ["Input.Title"] = title });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return (audience, title);
    }

    private Task<List<string>> NotifiedAsync(string title) =>
        factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.Title == title && n.Kind == RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key).Select(n => n.UserId).ToListAsync());

    [Fact]
    public async Task AnAnnouncement_WritesOneEvent_AndItsNotificationsAfter_ABatchAtATime()
    {
        var (members, title) = await AnnounceAsync("nord-du-quebec", 16);

        // The request wrote the event and nothing per member.
        Assert.Empty(await NotifiedAsync(title));
        var waiting = await factory.WithDbAsync(db => db.Set<OutboxEvent>().Where(e => e.HandledAt == null && e.Payload.Contains(title)).ToListAsync());
        Assert.Equal(nameof(AnnouncementMade), Assert.Single(waiting).Type);

        await Processor.ProcessAsync(default);

        var notified = await NotifiedAsync(title);
        Assert.Equal(members.Select(m => m.UserId).Order(), notified.Order());
        var handled = await factory.WithDbAsync(db => db.Set<OutboxEvent>().SingleAsync(e => e.Id == waiting[0].Id));
        Assert.NotNull(handled.HandledAt);
        Assert.Null(handled.LockedUntil);
        Assert.Equal(0, await Processor.ProcessAsync(default));
    }

    [Fact]
    public async Task AHandlerStoppedHalfWay_ResumesWhereItWas_WithoutRepeatingAnyone()
    {
        var (members, title) = await AnnounceAsync("cote-nord", 16);

        // The first batch of 7 is saved, the second fails as it commits: the attempt ends with its progress kept.
        factory.Failing.FailNext("\"Progress\" =", skip: 1);
        Assert.Equal(0, await Processor.ProcessAsync(default));
        Assert.Equal(7, (await NotifiedAsync(title)).Count);
        var failed = await factory.WithDbAsync(db => db.Set<OutboxEvent>().SingleAsync(e => e.Payload.Contains(title)));
        Assert.Equal(1, failed.Attempts);
        Assert.NotNull(failed.Progress);
        Assert.Contains("Test failure", failed.LastError);

        Assert.Equal(1, await Processor.ProcessAsync(default));
        var notified = await NotifiedAsync(title);
        Assert.Equal(members.Select(m => m.UserId).Order(), notified.Order());
    }

    [Fact]
    public async Task AnAttemptThatOutlivedItsLease_WritesNothing_OnceAnotherTookTheEventOver()
    {
        var (members, title) = await AnnounceAsync("abitibi-temiscamingue", 9);
        var id = await factory.WithDbAsync(db => db.Set<OutboxEvent>().Where(e => e.Payload.Contains(title)).Select(e => e.Id).SingleAsync());
        // A first attempt claimed it, then stalled (a long pause) past its lease.
        var stalled = Guid.NewGuid();
        await factory.WithDbAsync(db => db.Set<OutboxEvent>().Where(e => e.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LockToken, stalled).SetProperty(e => e.LockedUntil, DateTimeOffset.UtcNow.AddSeconds(-1))));

        // Another instance takes it over and handles it whole.
        Assert.Equal(1, await Processor.ProcessAsync(default));
        Assert.Equal(members.Count, (await NotifiedAsync(title)).Count);

        // The stalled attempt wakes up and writes its batch: refused, and nothing of the batch is kept.
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RqiiacPortail.Web.Data.PortalDbContext>();
        var batches = new EventBatches(db, id, stalled, null, TimeSpan.FromMinutes(2), TimeProvider.System, 7, DateTimeOffset.UtcNow);
        db.Add(new Notification { UserId = members[0].UserId, Kind = RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key, Title = title,
            Link = "/", RaisedBy = "essai", CreatedAt = DateTimeOffset.UtcNow });
        await Assert.ThrowsAsync<LeaseLostException>(() => batches.SaveAsync("membre-suivant", default));
        Assert.Equal(members.Count, (await NotifiedAsync(title)).Count);
        var row = await factory.WithDbAsync(db => db.Set<OutboxEvent>().SingleAsync(e => e.Id == id));
        Assert.NotNull(row.HandledAt);
        Assert.NotEqual("membre-suivant", row.Progress);
    }

    [Fact]
    public async Task AnEventIsHandledOnce_ByTwoProcessorsAtOnce()
    {
        var (members, title) = await AnnounceAsync("laval", 3);

        // Two processors at once (two instances): the lease lets one handle the row.
        var results = await Task.WhenAll(Processor.ProcessAsync(default), Processor.ProcessAsync(default));

        Assert.Equal(members.Count, (await NotifiedAsync(title)).Count);
        Assert.Equal(1, results.Sum());
    }
}

public sealed class SqliteEventOutboxTests(SqliteEventOutboxTests.Site factory) : EventOutboxTests<SqliteEventOutboxTests.Site>(factory)
{
    public sealed class Site : SqliteFailingSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => ManualEvents();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventOutboxTests(PostgresEventOutboxTests.Site factory) : EventOutboxTests<PostgresEventOutboxTests.Site>(factory)
{
    public sealed class Site : PostgresFailingSite
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => ManualEvents();
    }
}
