using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>
/// The live dispatcher claims exactly what it read (issue 11): on PostgreSQL a notification with a lower id can
/// commit between the dispatcher's select and its update; marking a range marked it pushed without pushing it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationClaimTests(NotificationClaimTests.Site site) : IClassFixture<NotificationClaimTests.Site>
{
    /// <summary>Runs a step right after the dispatcher's select of due notifications, once.</summary>
    public sealed class AfterDueSelect : DbCommandInterceptor
    {
        private Func<Task>? _next;

        public Func<Task>? Next { get => _next; set => _next = value; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
        {
            if (command.CommandText.Contains("\"PushedAt\" IS NULL", StringComparison.Ordinal) && Interlocked.Exchange(ref _next, null) is { } step) await step();
            return result;
        }
    }

    /// <summary>The portal on PostgreSQL with the dispatcher driven by the test instead of its loop.</summary>
    public sealed class Site : PostgresPortalFactory
    {
        public AfterDueSelect Interceptor { get; } = new();

        protected override int MaxRetries => 0;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton<IInterceptor>(Interceptor);
                s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(NotificationDispatcher)));
                s.AddSingleton<NotificationDispatcher>();
            });
        }
    }

    private static async Task RaiseAsync(AsyncServiceScope scope, string userId, string title)
    {
        await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(new Notice(RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key, [userId], title, "/"));
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
    }

    [Fact]
    public async Task ANotificationCommittedBetweenSelectAndClaim_IsPushedNextTime()
    {
        var member = await site.CreateMemberAsync("lanaudiere");
        await using var first = site.Services.CreateAsyncScope();
        await using var late = site.Services.CreateAsyncScope();
        await using var firstTx = await first.ServiceProvider.GetRequiredService<PortalDbContext>().Database.BeginTransactionAsync();
        await using var lateTx = await late.ServiceProvider.GetRequiredService<PortalDbContext>().Database.BeginTransactionAsync();
        await RaiseAsync(first, member.UserId, "Un");
        await RaiseAsync(late, member.UserId, "Deux (tardive)");
        await RaiseAsync(first, member.UserId, "Trois");
        await firstTx.CommitAsync();

        site.Interceptor.Next = () => lateTx.CommitAsync();
        var dispatcher = site.Services.GetRequiredService<NotificationDispatcher>();
        Assert.Equal(2, await dispatcher.PushBatchAsync(default));
        Assert.Null(site.Interceptor.Next);
        Assert.Null(await site.WithDbAsync(db => db.Set<Notification>().Where(n => n.Title == "Deux (tardive)").Select(n => n.PushedAt).SingleAsync()));

        Assert.Equal(1, await dispatcher.PushBatchAsync(default));
    }
}
