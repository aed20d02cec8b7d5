using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;

namespace RqiiacPortail.Tests.Mail;

/// <summary>
/// What the outbox says happened to each message, against an SMTP server that refuses some recipients for good
/// (550) or for now (451): failed for good at once and counted against the address, retried until accepted, bulk
/// mail withheld from an address refused too often until it is confirmed again, and several workers sending each
/// message once.
/// </summary>
public abstract class MailDeliveryTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, MailDeliveryTests<TFactory>.ISite
{
    public interface ISite
    {
        TestSmtpServer Smtp { get; }
    }

    internal static IEnumerable<KeyValuePair<string, string?>> Against(TestSmtpServer smtp) =>
    [
        new("Mail:Smtp:Host", "127.0.0.1"),
        new("Mail:Smtp:Port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:FirstRetryDelay", "00:00:00.200"),
        new("Mail:Workers", "3"), new("Mail:BatchSize", "5"), new("Mail:MaxPerMinute", "0"),
    ];

    private static string Address(string kind) => $"{kind}-{Guid.NewGuid():N}@test.rqiiac.qc.ca";

    private async Task<long> EnqueueAsync(string to, MailLane lane = MailLane.Normal)
    {
        await using var scope = factory.Started().Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<IMailOutbox>();
        var body = new MailBody("Essai").Paragraph("Bonjour.").Render();
        if (lane == MailLane.Bulk) outbox.EnqueueBulk(outbox.StartBulk("Bulletin d'essai", body), [new BulkRecipient(to, null)]);
        else outbox.Enqueue(new MailDraft(to, null, "Essai", body, Lane: lane));
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.SaveChangesAsync();
        return await db.Set<OutboxMail>().Where(m => m.To == to).OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync();
    }

    private async Task<OutboxMail> WaitForStateAsync(long id, MailState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        OutboxMail row;
        do
        {
            row = await factory.WithDbAsync(db => db.Set<OutboxMail>().AsNoTracking().SingleAsync(m => m.Id == id));
            if (row.State == state) return row;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Message {id} is {row.State} ({row.LastError}), not {state}.");
    }

    [Fact]
    public async Task ARecipientRefusedForGood_FailsAtOnce_AndIsCountedAgainstTheAddress()
    {
        var to = Address("refuse");
        factory.Smtp.RecipientReply = a => a.StartsWith("refuse-", StringComparison.Ordinal) ? 550 : 250;

        var row = await WaitForStateAsync(await EnqueueAsync(to), MailState.Failed);

        Assert.Equal(1, row.Attempts);
        Assert.StartsWith("550 ", row.LastError);
        Assert.Null(row.SentAt);
        Assert.Null(row.LockToken);
        Assert.Single(factory.Smtp.Asked, a => a.To == to);
        var failure = await factory.WithDbAsync(db => db.Set<MailAddressFailure>().SingleAsync(f => f.Address == to));
        Assert.Equal(1, failure.FailuresForGood);
    }

    [Fact]
    public async Task ARecipientRefusedForNow_IsRetried_ThenSent_WithoutCountingAgainstTheAddress()
    {
        var to = Address("plustard");
        var refusals = 0;
        factory.Smtp.RecipientReply = a => a == to && Interlocked.Increment(ref refusals) <= 2 ? 451 : 250;

        var id = await EnqueueAsync(to);
        var row = await WaitForStateAsync(id, MailState.Sent);

        Assert.Equal(3, row.Attempts);
        Assert.Null(row.LastError);
        Assert.Single(factory.Smtp.For(to));
        Assert.False(await factory.WithDbAsync(db => db.Set<MailAddressFailure>().AnyAsync(f => f.Address == to)));
    }

    [Fact]
    public async Task AnAddressRefusedTooOften_GetsNoBulkMail_ButStillItsOwnMail_UntilConfirmedAgain()
    {
        var to = Address("morte");
        await factory.WithDbAsync(async db =>
        {
            db.Add(new MailAddressFailure { Address = to, FailuresForGood = 3, LastFailedAt = DateTimeOffset.UtcNow, LastError = "550 Boîte inexistante" });
            return await db.SaveChangesAsync();
        });

        var bulk = await WaitForStateAsync(await EnqueueAsync(to, MailLane.Bulk), MailState.Withheld);
        Assert.Equal(0, bulk.Attempts);
        // A password reset or a decision still goes: the person may have fixed their mailbox.
        await WaitForStateAsync(await EnqueueAsync(to, MailLane.Urgent), MailState.Sent);
        Assert.DoesNotContain(factory.Smtp.For(to), m => m.Subject == "Bulletin d'essai");

        await factory.WithDbAsync(async db => { await db.ConfirmedAsync(to.ToUpperInvariant(), CancellationToken.None); return 0; });
        await WaitForStateAsync(await EnqueueAsync(to, MailLane.Bulk), MailState.Sent);
        Assert.Single(factory.Smtp.For(to), m => m.Subject == "Bulletin d'essai");
    }

    [Fact]
    public async Task ThreeWorkersClaimingInBatches_SendEachMessageOnce()
    {
        factory.Smtp.RecipientReply = _ => 250;
        var addresses = Enumerable.Range(0, 60).Select(_ => Address("lot")).ToList();
        await using (var scope = factory.Started().Services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IMailOutbox>();
            foreach (var to in addresses) outbox.Enqueue(new MailDraft(to, null, "Lot", new MailBody("Lot").Paragraph("Un de soixante.").Render()));
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }

        foreach (var to in addresses) await factory.Smtp.WaitForAsync(to);
        var rows = await factory.WithDbAsync(db => db.Set<OutboxMail>().Where(m => addresses.Contains(m.To)).ToListAsync());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (rows.Any(r => r.State != MailState.Sent) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            rows = await factory.WithDbAsync(db => db.Set<OutboxMail>().Where(m => addresses.Contains(m.To)).ToListAsync());
        }

        Assert.All(rows, r => Assert.Equal((MailState.Sent, 1), (r.State, r.Attempts)));
        Assert.All(addresses, to => Assert.Single(factory.Smtp.For(to)));
    }
}

public sealed class SqliteMailDeliveryTests(SqliteMailDeliveryTests.Site factory) : MailDeliveryTests<SqliteMailDeliveryTests.Site>(factory)
{
    public sealed class Site : SqlitePortalFactory, ISite
    {
        public TestSmtpServer Smtp { get; } = new();
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => Against(Smtp);
        public override async ValueTask DisposeAsync() { await base.DisposeAsync(); await Smtp.DisposeAsync(); }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMailDeliveryTests(PostgresMailDeliveryTests.Site factory) : MailDeliveryTests<PostgresMailDeliveryTests.Site>(factory)
{
    public sealed class Site : PostgresPortalFactory, ISite
    {
        public TestSmtpServer Smtp { get; } = new();
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => Against(Smtp);
        public override async ValueTask DisposeAsync() { await base.DisposeAsync(); await Smtp.DisposeAsync(); }
    }
}
