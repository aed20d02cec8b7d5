using System.Net;
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

/// <summary>A digest goes at the member's hour, never at the next notice after that hour has passed.</summary>
public abstract class DigestHourTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, IClockSite
{
    // 1 December 2026, 17 h 38 in Québec (UTC−5).
    internal static readonly DateTimeOffset Evening = new(2026, 12, 1, 22, 38, 0, TimeSpan.Zero);

    [Fact]
    public async Task ANoticeAfterTheDaysHour_WaitsForTomorrowsHour_AndTheDigestCarriesItsUnsubscribeHeaders()
    {
        var member = await factory.CreateMemberAsync("lanaudiere");
        await factory.WithDbAsync(db => { db.Add(new DigestSchedule { UserId = member.UserId, Hour = 7 }); return db.SaveChangesAsync(); });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(new Notice(RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key, [member.UserId], "Nouvel outil : carte des organismes", "/lanaudiere/outils"));
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await factory.RunDigestsAsync();
        Assert.Empty(await factory.MailSubjectsToAsync(member.Email));

        // 2 December, 6 h 59: still not. 7 h 00: the digest.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 11, 59, 0, TimeSpan.Zero));
        await factory.RunDigestsAsync();
        Assert.Empty(await factory.MailSubjectsToAsync(member.Email));
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 12, 0, 30, TimeSpan.Zero));
        await factory.RunDigestsAsync();
        var digest = await Mailbox.WaitForAsync(member.Email);

        Assert.Contains("carte des organismes", digest.TextBody);
        Assert.StartsWith("<http://localhost:5080/notifications/desabonnement?jeton=", digest.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);

        // The one-click POST, as a mail program sends it, stops the digest: the kind is kept on the site only.
        var unsubscribe = new Uri(digest.Headers["List-Unsubscribe"].Trim('<', '>')).PathAndQuery;
        var done = await factory.CreatePortalClient().PostAsync(unsubscribe, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(Delivery.Site, await factory.WithDbAsync(db => db.Set<NotificationPreference>()
            .Where(p => p.UserId == member.UserId && p.Kind == RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key).Select(p => p.Delivery).SingleAsync()));
    }

    [Fact]
    public void TheDigestHour_FollowsDaylightSaving()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Toronto");

        // The morning clocks move forward (14 March 2027), 7 h is 11:00 UTC; the day before, 12:00 UTC.
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 11, 0, 0, TimeSpan.Zero), DigestSlots.Latest(new DateTimeOffset(2027, 3, 14, 15, 0, 0, TimeSpan.Zero), 7, zone).ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2027, 3, 13, 12, 0, 0, TimeSpan.Zero), DigestSlots.Latest(new DateTimeOffset(2027, 3, 14, 10, 0, 0, TimeSpan.Zero), 7, zone).ToUniversalTime());
        // 2 h does not exist that morning: the digest goes at 3 h.
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 7, 0, 0, TimeSpan.Zero), DigestSlots.Latest(new DateTimeOffset(2027, 3, 14, 9, 0, 0, TimeSpan.Zero), 2, zone).ToUniversalTime());
    }
}

public sealed class SqliteDigestHourTests(SqliteDigestHourTests.Site factory) : DigestHourTests<SqliteDigestHourTests.Site>(factory)
{
    public sealed class Site() : SqliteClockSite(DigestHourTests<Site>.Evening);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDigestHourTests(PostgresDigestHourTests.Site factory) : DigestHourTests<PostgresDigestHourTests.Site>(factory)
{
    public sealed class Site() : PostgresClockSite(DigestHourTests<Site>.Evening);
}
