using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;

namespace RqiiacPortail.Tests.Mail;

public abstract class MailOutboxTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<long> EnqueueAsync(IServiceProvider services, string to, string subject)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        scope.ServiceProvider.GetRequiredService<IMailOutbox>().Enqueue(new MailDraft(to, "Personne Test", subject,
            new MailBody("Bonjour").Paragraph("Un paragraphe avec <balise> & accents : é à ç.").Action("Ouvrir", "https://exemple.test/a?b=1&c=2").Render(),
            new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://exemple.test/desabonnement>" }));
        await db.SaveChangesAsync();
        return await db.Set<OutboxMail>().Where(m => m.To == to).Select(m => m.Id).SingleAsync();
    }

    [Fact]
    public async Task QueuedMail_ReachesTheSmtpServer_WithBothPartsAndItsHeaders()
    {
        var to = $"sortie-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var id = await EnqueueAsync(factory.Started().Services, to, "Essai d'envoi");

        var message = await Mailbox.WaitForAsync(to);

        Assert.Equal("Essai d'envoi", message.Subject);
        Assert.Contains("&lt;balise&gt; &amp; accents : é à ç.", message.HtmlBody);
        Assert.Contains("Un paragraphe avec <balise> & accents : é à ç.", message.TextBody);
        Assert.Equal("<https://exemple.test/desabonnement>", message.Headers["List-Unsubscribe"]);
        var row = await factory.WithDbAsync(db => db.Set<OutboxMail>().SingleAsync(m => m.Id == id));
        Assert.NotNull(row.SentAt);
        Assert.Equal(row.MessageId, message.MessageId);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task UnreachableServer_SchedulesRetriesWithBackoff_ThenGivesUp()
    {
        // A port nothing listens on: every attempt fails fast.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        await using var failing = new FailingSmtpFactory(closedPort);
        var to = $"echec-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var id = await EnqueueAsync(failing.Started().Services, to, "Ne partira pas");

        OutboxMail row;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(200);
            row = await failing.WithDbAsync(db => db.Set<OutboxMail>().AsNoTracking().SingleAsync(m => m.Id == id));
        } while (row.State != MailState.Failed && DateTime.UtcNow < deadline);

        Assert.Equal(MailState.Failed, row.State);
        Assert.Equal(3, row.Attempts);
        Assert.Null(row.SentAt);
        Assert.NotNull(row.LastError);
        Assert.Empty(Mailbox.All(to));
    }

    [Fact]
    public async Task SentAndAbandonedMail_IsDeletedAfterTheKeepingPeriod_WaitingMailIsKept()
    {
        var services = factory.Started().Services;
        var old = DateTimeOffset.UtcNow.AddDays(-40);
        OutboxMail Row(string to, DateTimeOffset? sentAt, bool abandoned = false) => new()
        {
            To = to, Subject = "Ancien", HtmlBody = "<p>x</p>", TextBody = "x", MessageId = $"{Guid.NewGuid():N}@test",
            CreatedAt = old, NextAttemptAt = abandoned ? old : DateTimeOffset.UtcNow.AddDays(1), SentAt = sentAt,
            State = abandoned ? MailState.Failed : sentAt is null ? MailState.Queued : MailState.Sent,
        };
        var tag = Guid.NewGuid().ToString("N");
        await factory.WithDbAsync(async db =>
        {
            db.AddRange(Row($"vieux-{tag}@test", old), Row($"abandon-{tag}@test", null, abandoned: true),
                Row($"recent-{tag}@test", DateTimeOffset.UtcNow.AddDays(-2)), Row($"attente-{tag}@test", null));
            return await db.SaveChangesAsync();
        });

        var processor = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MailOutboxProcessor>().Single();
        await processor.PruneAsync(CancellationToken.None);

        var left = await factory.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To.EndsWith($"-{tag}@test")).Select(m => m.To).ToListAsync());
        Assert.Equal([$"attente-{tag}@test", $"recent-{tag}@test"], left.Order());
    }

    [Fact]
    public async Task AnAttemptThatOutlivedItsLease_DoesNotRecordTheSendingOfTheAttemptThatTookItOver()
    {
        var services = factory.Started().Services;
        var processor = services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MailOutboxProcessor>().Single();
        var tag = Guid.NewGuid().ToString("N");
        var (stale, current) = (Guid.NewGuid(), Guid.NewGuid());
        // Sent meanwhile by the attempt that took the lease over (its token on the row), not yet recorded.
        var id = await factory.WithDbAsync(async db =>
        {
            var row = new OutboxMail
            {
                To = $"bail-{tag}@test", Subject = "Bail", HtmlBody = "<p>x</p>", TextBody = "x", MessageId = $"{tag}@test", CreatedAt = DateTimeOffset.UtcNow,
                NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1), LockToken = current, LockedUntil = DateTimeOffset.UtcNow.AddMinutes(5),
            };
            db.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            Assert.False(await processor.MarkSentAsync(db, id, stale, CancellationToken.None));
            Assert.Null((await factory.WithDbAsync(d => d.Set<OutboxMail>().SingleAsync(m => m.Id == id))).SentAt);
            Assert.True(await processor.MarkSentAsync(db, id, current, CancellationToken.None));
        }
        var sent = await factory.WithDbAsync(d => d.Set<OutboxMail>().SingleAsync(m => m.Id == id));
        Assert.NotNull(sent.SentAt);
        Assert.Null(sent.LockToken);
        Assert.Equal(1, sent.Attempts);
    }

    private sealed class FailingSmtpFactory(int port) : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("Mail:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Mail:MaxAttempts", "3"),
            new("Mail:FirstRetryDelay", "00:00:00.100"),
        ];
    }
}

public sealed class SqliteMailOutboxTests(SqlitePortalFactory factory) : MailOutboxTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMailOutboxTests(PostgresPortalFactory factory) : MailOutboxTests<PostgresPortalFactory>(factory);
