using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>The daily digest, with the site's clock in the test's hands.</summary>
public abstract class DigestTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, IClockSite
{
    // 23 November 2026, 8:00 in Québec (UTC−5).
    public static readonly DateTimeOffset Morning = new(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThreeNotificationsInADay_GiveOneMailAtTheChosenHour_AndNoneForWhoHadNothing()
    {
        var busy = await factory.CreateMemberAsync("lanaudiere");
        var quiet = await factory.CreateMemberAsync("lanaudiere");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(busy);
        var saved = await client.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string> { ["DigestHour"] = "9" });
        Assert.True(saved.StatusCode == System.Net.HttpStatusCode.Redirect, $"{(int)saved.StatusCode} {saved.Headers.Location} {await saved.TextAsync()}");
        await factory.WithDbAsync(db => { db.Add(new DigestSchedule { UserId = quiet.UserId, Hour = 9 }); return db.SaveChangesAsync(); });

        // New tools in the region go to the digest by default.
        foreach (var title in new[] { "Nouvel outil : grille d'analyse du milieu", "Nouvel outil : guide de concertation", "Nouvel outil : gabarit de bilan" })
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(new Notice(RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key, [busy.UserId], title, "/lanaudiere/"));
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
            factory.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        // 8:59: not yet (a pass of the job right then writes nothing).
        factory.Clock.SetUtcNow(Morning.AddMinutes(59));
        await factory.RunDigestsAsync();
        Assert.Empty(await factory.MailSubjectsToAsync(busy.Email));
        Assert.Equal(3, await factory.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.UserId == busy.UserId && n.EmailedAt == null)));

        // 9:00: one message with the three.
        // (The pass is run here rather than left to the site's timer, which may not have re-armed since 8:59.)
        factory.Clock.SetUtcNow(Morning.AddHours(1).AddSeconds(30));
        await factory.RunDigestsAsync();
        var digest = await Mailbox.WaitForAsync(busy.Email);
        Assert.Equal("Votre résumé du jour : 3 nouvelles notifications", digest.Subject);
        Assert.Contains("grille d'analyse du milieu", digest.TextBody);
        Assert.Contains("guide de concertation", digest.TextBody);
        Assert.Contains("gabarit de bilan", digest.TextBody);

        // Later passes the same day send nothing more, to either of them.
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await factory.RunDigestsAsync();
        await factory.RunDigestsAsync();
        Assert.Single(await factory.MailSubjectsToAsync(busy.Email));
        Assert.Empty(await factory.MailSubjectsToAsync(quiet.Email));
    }

    [Fact]
    public async Task ReadNotifications_ArePrunedAfterNinetyDays_UnreadOnesKept()
    {
        var member = await factory.CreateMemberAsync("estrie");
        var now = factory.Clock.GetUtcNow();
        await factory.WithDbAsync(db =>
        {
            db.AddRange(
                new Notification { UserId = member.UserId, Kind = "mention", Title = "ancienne lue", Link = "/", CreatedAt = now.AddDays(-120), ReadAt = now.AddDays(-100), RaisedBy = "x", PushedAt = now },
                new Notification { UserId = member.UserId, Kind = "mention", Title = "ancienne non lue", Link = "/", CreatedAt = now.AddDays(-120), RaisedBy = "x", PushedAt = now },
                new Notification { UserId = member.UserId, Kind = "mention", Title = "récente lue", Link = "/", CreatedAt = now.AddDays(-2), ReadAt = now.AddDays(-1), RaisedBy = "x", PushedAt = now });
            return db.SaveChangesAsync();
        });

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        List<string> titles = [];
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(100);
            titles = await factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == member.UserId).Select(n => n.Title).ToListAsync());
            if (titles.Count == 2) break;
        }

        Assert.Equal(["ancienne non lue", "récente lue"], titles.Order());
    }
}

public sealed class SqliteDigestTests(SqliteDigestTests.Site factory) : DigestTests<SqliteDigestTests.Site>(factory)
{
    public sealed class Site() : SqliteClockSite(DigestTests<Site>.Morning);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDigestTests(PostgresDigestTests.Site factory) : DigestTests<PostgresDigestTests.Site>(factory)
{
    public sealed class Site() : PostgresClockSite(DigestTests<Site>.Morning);
}

/// <summary>A digest is a keyed row per member and slot: instances passing at the same minute send one (their own clock).</summary>
public abstract class DigestOnceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, IClockSite
{
    private static readonly DateTimeOffset Morning = DigestTests<TFactory>.Morning;

    [Fact]
    public async Task InstancesPassingAtTheSameMinute_SendOneDigest()
    {
        var member = await factory.CreateMemberAsync("lanaudiere");
        await factory.WithDbAsync(db => { db.Add(new DigestSchedule { UserId = member.UserId, Hour = 15 }); return db.SaveChangesAsync(); });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(new Notice(RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key,
                [member.UserId], "Nouvel outil : carte des ressources", "/lanaudiere/"));
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }
        var jobs = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NotificationJobs>().Single();

        // 15:00 in Québec: this instance's own job and three others pass at once.
        factory.Clock.SetUtcNow(new DateTimeOffset(Morning.Date.AddHours(20).AddSeconds(30), TimeSpan.Zero));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await jobs.SendDueDigestsAsync(scope.ServiceProvider, CancellationToken.None);
        }));

        await Mailbox.WaitForAsync(member.Email);
        await factory.RunDigestsAsync();
        Assert.Single(await factory.MailSubjectsToAsync(member.Email));
        Assert.Single(await factory.WithDbAsync(db => db.Set<DigestClaim>().Where(c => c.UserId == member.UserId).ToListAsync()));
    }
}

public sealed class SqliteDigestOnceTests(SqliteDigestOnceTests.Site factory) : DigestOnceTests<SqliteDigestOnceTests.Site>(factory)
{
    public sealed class Site() : SqliteClockSite(DigestTests<Site>.Morning);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDigestOnceTests(PostgresDigestOnceTests.Site factory) : DigestOnceTests<PostgresDigestOnceTests.Site>(factory)
{
    public sealed class Site() : PostgresClockSite(DigestTests<Site>.Morning);
}

internal static class DigestSteps
{
    /// <summary>One pass of the site's own digest job, now, on the site's clock (what its timer would do).</summary>
    public static async Task RunDigestsAsync(this PortalFactory factory)
    {
        var jobs = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NotificationJobs>().Single();
        await using var scope = factory.Services.CreateAsyncScope();
        await jobs.SendDueDigestsAsync(scope.ServiceProvider, CancellationToken.None);
    }

    /// <summary>The subjects of the messages written to the outbox for an address (what is sent, whether or not it arrived yet).</summary>
    public static Task<List<string>> MailSubjectsToAsync(this PortalFactory factory, string email) =>
        factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Infrastructure.Mail.OutboxMail>().Where(m => m.To == email).OrderBy(m => m.Id).Select(m => m.Subject).ToListAsync());
}
