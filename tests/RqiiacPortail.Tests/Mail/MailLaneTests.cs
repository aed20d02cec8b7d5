using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;

namespace RqiiacPortail.Tests.Mail;

/// <summary>
/// Mail at a bulletin's volume (issue 11): account mail goes before bulk mail whatever waits, a batch shares one
/// SMTP connection, and a body sent to many is stored once. The site sends through a relay that counts
/// connections, at a pace of 60 a minute so that bulk mail is still waiting when the urgent one goes.
/// </summary>
public abstract class MailLaneTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, MailLaneTests<TFactory>.ISite
{
    public interface ISite
    {
        CountingProxy Relay { get; }
    }

    internal static IEnumerable<KeyValuePair<string, string?>> Paced(CountingProxy relay) =>
    [
        new("Mail:Smtp:Port", relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Mail:MaxPerMinute", "60"), new("Mail:BatchSize", "50"),
    ];

    private async Task SaveAsync(Action<IMailOutbox> enqueue)
    {
        await using var scope = factory.Started().Services.CreateAsyncScope();
        enqueue(scope.ServiceProvider.GetRequiredService<IMailOutbox>());
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
    }

    private static RenderedMail Body(string text) => new MailBody("Essai").Paragraph(text).Render();

    [Fact]
    public async Task APasswordReset_GoesBeforeABulkMailingAlreadyWaiting_OverTheSameConnection()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await SaveAsync(outbox =>
        {
            for (var i = 0; i < 30; i++)
                outbox.Enqueue(new MailDraft($"resume-{i}-{tag}@test.rqiiac.qc.ca", null, "Votre résumé du jour", Body("Résumé"), Lane: MailLane.Bulk));
        });
        await Mailbox.WaitForAsync($"resume-0-{tag}@test.rqiiac.qc.ca");
        await SaveAsync(outbox => outbox.Enqueue(new MailDraft($"reinit-{tag}@test.rqiiac.qc.ca", null, "Nouveau mot de passe", Body("Lien"), Lane: MailLane.Urgent)));

        await Mailbox.WaitForAsync($"reinit-{tag}@test.rqiiac.qc.ca", timeoutSeconds: 10);

        var waiting = await factory.WithDbAsync(db => db.Set<OutboxMail>().CountAsync(m => m.To.EndsWith($"-{tag}@test.rqiiac.qc.ca") && m.SentAt == null));
        Assert.True(waiting > 0, "the whole bulk mailing went before the password reset");
        // The paced batch and the urgent one went over far fewer connections than messages.
        Assert.True(factory.Relay.Connections < 30 - waiting, $"{factory.Relay.Connections} connections for {30 - waiting + 1} messages");
    }

    [Fact]
    public async Task ABulkBody_IsStoredOnce_AndEachRecipientGetsTheirOwnValuesAndHeaders()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var recipients = new[] { ("Josée", "josee"), ("Marc-André", "marc"), ("<Léa>", "lea") }
            .Select(r => new BulkRecipient($"{r.Item2}-{tag}@test.rqiiac.qc.ca", r.Item1,
                new Dictionary<string, string> { ["prenom"] = r.Item1, ["desabonnement"] = $"https://portail.test/desabonnement/{r.Item2}" },
                new Dictionary<string, string> { ["List-Unsubscribe"] = $"<https://portail.test/desabonnement/{r.Item2}>" })).ToList();
        await SaveAsync(outbox =>
        {
            var bulk = outbox.StartBulk($"Inter Action Communautaire no 112 {tag}", new MailBody("Le bulletin").Paragraph("Bonjour {{prenom}},").Action("Se désabonner", "{{desabonnement}}").Render());
            outbox.EnqueueBulk(bulk, recipients.Take(2));
        });
        // A later unit of work (the next page of recipients) adds to the same body by its id.
        var bulkId = await factory.WithDbAsync(db => db.Set<MailBulk>().Where(b => b.Subject.EndsWith(tag)).Select(b => b.Id).SingleAsync());
        await SaveAsync(outbox => outbox.EnqueueBulk(new MailBulk { Id = bulkId, Subject = $"Inter Action Communautaire no 112 {tag}", HtmlBody = "", TextBody = "" }, recipients.Skip(2)));

        var rows = await factory.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.BulkId == bulkId).ToListAsync());
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => { Assert.Null(r.HtmlBody); Assert.Equal(MailLane.Bulk, r.Lane); });
        Assert.Equal(1, await factory.WithDbAsync(db => db.Set<MailBulk>().CountAsync(b => b.Subject.EndsWith(tag))));

        var lea = await Mailbox.WaitForAsync($"lea-{tag}@test.rqiiac.qc.ca");
        Assert.Contains("Bonjour <Léa>,", lea.TextBody);
        Assert.Contains("Bonjour &lt;Léa&gt;,", lea.HtmlBody);
        Assert.Contains("https://portail.test/desabonnement/lea", lea.TextBody);
        Assert.Equal("<https://portail.test/desabonnement/lea>", lea.Headers["List-Unsubscribe"]);
        var josee = await Mailbox.WaitForAsync($"josee-{tag}@test.rqiiac.qc.ca");
        Assert.Contains("Bonjour Josée,", josee.TextBody);
        Assert.DoesNotContain("{{", josee.HtmlBody);
    }
}

public sealed class SqliteMailLaneTests(SqliteMailLaneTests.Site factory) : MailLaneTests<SqliteMailLaneTests.Site>(factory)
{
    public sealed class Site : SqlitePortalFactory, ISite
    {
        public CountingProxy Relay { get; } = new(TestServices.Smtp.Host, TestServices.Smtp.Port);
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => Paced(Relay);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMailLaneTests(PostgresMailLaneTests.Site factory) : MailLaneTests<PostgresMailLaneTests.Site>(factory)
{
    public sealed class Site : PostgresPortalFactory, ISite
    {
        public CountingProxy Relay { get; } = new(TestServices.Smtp.Host, TestServices.Smtp.Port);
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => Paced(Relay);
    }
}
