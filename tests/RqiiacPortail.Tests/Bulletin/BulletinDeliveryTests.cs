using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Tests.Mail;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Tests.Bulletin;

/// <summary>
/// A bulletin's send against an SMTP server that misbehaves: an address refused for good (550) is failed at once and
/// the ledger says why, then withheld once refused too often; a server refusing for now (451) has every message
/// retried and none lost; « renvoyer à qui ne l'a pas reçu » sends the failed ones again under their Message-ID; the
/// ledger counts who unsubscribed since.
/// </summary>
public abstract class BulletinDeliveryTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : PortalFactory, MailDeliveryTests<TFactory>.ISite
{
    private TestSmtpServer Smtp => factory.Smtp;

    /// <summary>Writes and publishes an issue with its send; returns its number once its deliveries are written.</summary>
    private async Task<(int Number, HttpClient Board)> PublishAsync(string title)
    {
        var (board, _) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        Assert.Equal(HttpStatusCode.Redirect, (await board.SubmitFormAsync("/bulletin/rediger", BulletinSteps.IssueForm(number, title, "Texte."))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await board.SubmitFormAsync($"/bulletin/{number}/apercu", new Dictionary<string, string> { ["envoyer"] = "true" }, handler: "Publier")).StatusCode);
        await factory.EventsHandledAsync();
        return (number, board);
    }

    private async Task<OutboxMail> MailAsync(string to, int number, MailState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        OutboxMail? row;
        do
        {
            row = await factory.WithDbAsync(db => db.Set<OutboxMail>().AsNoTracking().Where(m => m.To == to && m.Subject.Contains($"n° {number} ")).FirstOrDefaultAsync());
            if (row?.State == state) return row;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"The issue {number} to {to} is {row?.State} ({row?.LastError}), not {state}.");
    }

    [Fact]
    public async Task AnAddressRefusedForGood_FailsAtOnce_TheLedgerSaysWhy_AndOnceRefusedTooOftenItIsWithheld()
    {
        var refused = BulletinSteps.Address("refuse");
        await factory.SubscribersAsync([refused]);
        Smtp.RecipientReply = a => a.StartsWith("refuse-", StringComparison.Ordinal) ? 550 : 250;

        var (number, board) = await PublishAsync("Numéro refusé");
        var row = await MailAsync(refused, number, MailState.Failed);
        Assert.Equal(1, row.Attempts);
        var ledger = await board.GetDocumentAsync($"/bulletin/{number}/envois?q={Uri.EscapeDataString(refused)}");
        var line = ledger.QuerySelector("main table tbody tr")!.TextContent;
        Assert.Contains("Échec définitif", line);
        Assert.Contains("550", line);
        Assert.Contains("1", ledger.QuerySelector(".stat--warn .stat__n")!.TextContent);

        // Refused again and again: bulk mail stops going to it, and the ledger says so.
        await factory.WithDbAsync(db => db.Set<MailAddressFailure>().Where(f => f.Address == refused)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.FailuresForGood, 3)));
        var asked = Smtp.Asked.Count(a => a.To == refused);
        var (second, _) = await PublishAsync("Numéro retenu");
        var withheld = await MailAsync(refused, second, MailState.Withheld);
        Assert.Contains("refusée trop souvent", withheld.LastError);
        Assert.Equal(asked, Smtp.Asked.Count(a => a.To == refused));
        Smtp.RecipientReply = _ => 250;
    }

    [Fact]
    public async Task AServerRefusingForNow_HasEveryMessageRetried_AndNoneLost()
    {
        var readers = Enumerable.Range(0, 6).Select(_ => BulletinSteps.Address("patience")).ToList();
        await factory.SubscribersAsync(readers);
        var refusals = 0;
        Smtp.RecipientReply = a => a.StartsWith("patience-", StringComparison.Ordinal) && Interlocked.Increment(ref refusals) <= 8 ? 451 : 250;

        var (number, board) = await PublishAsync("Numéro patient");

        foreach (var reader in readers) await MailAsync(reader, number, MailState.Sent);
        foreach (var reader in readers) Assert.Single(Smtp.For(reader), m => m.Subject.Contains($"n° {number} "));
        Assert.True(refusals >= 8);
        var summary = (await board.GetDocumentAsync($"/bulletin/{number}/envois")).QuerySelector("#etat-envoi")!.TextContent;
        Assert.Contains("Envoi terminé", summary);
    }

    [Fact]
    public async Task ResendingToWhoDidNotReceiveIt_SendsTheFailedOnesAgain_UnderTheirMessageId()
    {
        var flaky = BulletinSteps.Address("plein");
        await factory.SubscribersAsync([flaky]);
        Smtp.RecipientReply = a => a.StartsWith("plein-", StringComparison.Ordinal) ? 550 : 250;
        var (number, board) = await PublishAsync("Numéro à renvoyer");
        var failed = await MailAsync(flaky, number, MailState.Failed);
        Smtp.RecipientReply = _ => 250; // the mailbox was full; it is emptied

        var resent = await board.SubmitFormAsync($"/bulletin/{number}/envois", new Dictionary<string, string>(), handler: "Renvoyer");

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var message = await Smtp.WaitForAsync(flaky);
        Assert.Equal(failed.MessageId, message.MessageId);
        await MailAsync(flaky, number, MailState.Sent);
        var journal = await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Infrastructure.Audit.AuditEntry>().AnyAsync(e => e.Area == "bulletin" && e.Action == "renvoyer"));
        Assert.True(journal);
    }

    [Fact]
    public async Task WhoUnsubscribedSinceTheSend_IsCountedInTheLedger()
    {
        var leaving = BulletinSteps.Address("parti");
        await factory.SubscribersAsync([leaving]);
        var (number, board) = await PublishAsync("Numéro du départ");
        await MailAsync(leaving, number, MailState.Sent);
        var code = await factory.WithDbAsync(db => db.Set<BulletinSubscriber>().Where(s => s.Email == leaving).Select(s => s.UnsubscribeCode).SingleAsync());

        await factory.CreatePortalClient().PostAsync($"/bulletin/desabonnement/{code}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        var ledger = await board.GetDocumentAsync($"/bulletin/{number}/envois?q={Uri.EscapeDataString(leaving)}");
        Assert.Contains("Désabonné depuis", ledger.QuerySelector("main table tbody tr")!.TextContent);
        Assert.Contains("désabonné depuis", ledger.QuerySelector("#etat-envoi")!.TextContent);
    }
}

public sealed class SqliteBulletinDeliveryTests(SqliteBulletinDeliveryTests.Site factory) : BulletinDeliveryTests<SqliteBulletinDeliveryTests.Site>(factory)
{
    public sealed class Site : SqlitePortalFactory, MailDeliveryTests<Site>.ISite
    {
        public TestSmtpServer Smtp { get; } = new();
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => MailDeliveryTests<Site>.Against(Smtp);
        public override async ValueTask DisposeAsync() { await base.DisposeAsync(); await Smtp.DisposeAsync(); }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresBulletinDeliveryTests(PostgresBulletinDeliveryTests.Site factory) : BulletinDeliveryTests<PostgresBulletinDeliveryTests.Site>(factory)
{
    public sealed class Site : PostgresPortalFactory, MailDeliveryTests<Site>.ISite
    {
        public TestSmtpServer Smtp { get; } = new();
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => MailDeliveryTests<Site>.Against(Smtp);
        public override async ValueTask DisposeAsync() { await base.DisposeAsync(); await Smtp.DisposeAsync(); }
    }
}
