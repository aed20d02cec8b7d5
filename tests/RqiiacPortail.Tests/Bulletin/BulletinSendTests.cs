using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Bulletin;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;
using RqiiacPortail.Web.Modules.Bulletin.Writing;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Tests.Bulletin;

/// <summary>
/// The board's side of the bulletin against the real SMTP server: writing an issue through the form, its e-mail
/// preview (HTML with its CSS inlined, and plain text, from one Markdown), a test to oneself, publishing now or at a
/// set time, the send to every confirmed subscriber (never to one still unconfirmed) with each one's unsubscribe
/// link and RFC 8058 headers, the ledger, and what a member who is not on the board may not do.
/// </summary>
public abstract class BulletinSendTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    [Fact]
    public async Task TheBoard_WritesPreviewsTestsAndPublishes_AndEveryConfirmedSubscriberGetsOneCopyWithTheirOwnUnsubscribeLink()
    {
        var (board, account) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        var readers = new[] { BulletinSteps.Address("lectrice"), BulletinSteps.Address("lecteur") };
        var unconfirmed = BulletinSteps.Address("attente");
        await factory.SubscribersAsync(readers);
        await factory.SubscribersAsync([unconfirmed], SubscriberState.Pending);

        var saved = await board.SubmitFormAsync("/bulletin/rediger", BulletinSteps.IssueForm(number, "Le numéro d'hiver",
            "Bonjour à toutes et à tous. Voyez la [boîte à outils](/outils).",
            ("Un article **important**", "Premier paragraphe.\n\n- un point\n- un autre point"),
            ("Piège", "<script>alert('x')</script> [clic](javascript:alert(1)) <img src=x onerror=alert(1)>")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/bulletin/{number}/apercu", saved.Headers.Location!.OriginalString);

        // The preview: the HTML part in a frame of its own (its policy lets no script run), the text part beside it.
        var preview = await board.GetDocumentAsync($"/bulletin/{number}/apercu");
        Assert.Equal($"/bulletin/{number}/apercu?handler=Courriel", preview.QuerySelector("main iframe")!.GetAttribute("src"));
        Assert.Contains("Voyez la boîte à outils <http://localhost:5080/outils>", preview.QuerySelector("main pre")!.TextContent);
        var framed = await board.GetAsync($"/bulletin/{number}/apercu?handler=Courriel");
        Assert.Contains("default-src 'none'", framed.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'self'", framed.Headers.GetValues("Content-Security-Policy").Single());
        var html = await framed.Content.ReadAsStringAsync();
        Assert.Contains("style=\"", html); // the CSS moved onto the elements
        Assert.Contains("href=\"http://localhost:5080/outils\"", html);
        var mail = Html.Parse(html);
        Assert.Empty(mail.QuerySelectorAll("script, [onerror]"));
        Assert.DoesNotContain(mail.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript:", StringComparison.OrdinalIgnoreCase));

        var test = await board.SubmitFormAsync($"/bulletin/{number}/apercu", new Dictionary<string, string>(), handler: "Essai");
        Assert.Equal(HttpStatusCode.Redirect, test.StatusCode);
        var trial = await Mailbox.WaitForAsync(account.Email);
        Assert.Equal($"[Essai] Inter Action Communautaire n° {number} : Le numéro d'hiver", trial.Subject);
        foreach (var reader in readers) Assert.Empty(Mailbox.All(reader));

        var audience = await factory.ConfirmedCountAsync();
        var published = await board.SubmitFormAsync($"/bulletin/{number}/apercu", new Dictionary<string, string> { ["envoyer"] = "true" }, handler: "Publier");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal($"/bulletin/{number}/envois", published.Headers.Location!.OriginalString);
        await factory.EventsHandledAsync();

        var issue = await factory.IssueAsync(number);
        Assert.Equal(IssueState.Published, issue.State);
        var deliveries = await factory.DeliveriesAsync(issue.Id);
        Assert.Equal(audience, deliveries.Count);
        Assert.Equal(deliveries.Count, deliveries.Select(d => d.Email).Distinct().Count());
        Assert.DoesNotContain(deliveries, d => d.Email == unconfirmed);
        // The recipe's former members: consent implied by a membership ended in 2023 has run out; one ended this year stands.
        Assert.DoesNotContain(deliveries, d => d.Email == "ancienne.membre@exemple.org");
        Assert.Contains(deliveries, d => d.Email == "ancien.membre.recent@exemple.org");
        foreach (var reader in readers)
        {
            var message = await Mailbox.WaitForAsync(reader, m => m.Subject.Contains($"n° {number} "));
            var code = await factory.WithDbAsync(db => db.Set<BulletinSubscriber>().Where(s => s.Email == reader).Select(s => s.UnsubscribeCode).SingleAsync());
            var link = $"http://localhost:5080/bulletin/desabonnement/{code}";
            Assert.Equal($"<{link}>", message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.NotNull(message.Headers["List-Id"]);
            Assert.Contains($"Se désabonner : {link}", message.TextBody);
            Assert.Contains($"href=\"{link}\"", message.HtmlBody);
            Assert.Equal(deliveries.Single(d => d.Email == reader).MessageId, message.MessageId);
        }
        await Task.Delay(500);
        Assert.DoesNotContain(Mailbox.All(unconfirmed), m => m.Subject.Contains("Inter Action Communautaire n°"));
        foreach (var reader in readers) Assert.Single(Mailbox.All(reader));

        // Published twice: the second is refused, nothing sent again.
        var again = await board.PostWithTokenAsync($"/bulletin/{number}/apercu?handler=Publier", new Dictionary<string, string> { ["envoyer"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("déjà publié", await again.TextAsync());
    }

    [Fact]
    public async Task TheLedger_SaysWhoReceivedIt_SearchesByAddress_AndExportsCsv()
    {
        var (board, _) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        var reader = BulletinSteps.Address("registre");
        await factory.SubscribersAsync([reader]);
        await board.SubmitFormAsync("/bulletin/rediger", BulletinSteps.IssueForm(number, "Numéro du registre", "Texte."));
        await board.SubmitFormAsync($"/bulletin/{number}/apercu", new Dictionary<string, string> { ["envoyer"] = "true" }, handler: "Publier");
        await factory.EventsHandledAsync();
        await Mailbox.WaitForAsync(reader, m => m.Subject.Contains($"n° {number} "));
        var issue = await factory.IssueAsync(number);
        for (var i = 0; i < 50 && (await factory.DeliveriesAsync(issue.Id)).Count == 0; i++) await Task.Delay(100);

        var page = await board.GetDocumentAsync($"/bulletin/{number}/envois?q={Uri.EscapeDataString(reader[..12])}");
        var row = Assert.Single(page.QuerySelectorAll("main table tbody tr"));
        Assert.Contains(reader, row.TextContent);
        Assert.Contains("Envoyé", row.TextContent);
        Assert.Contains("destinataire", page.QuerySelector("#etat-envoi")!.TextContent);

        var csv = await board.GetAsync($"/bulletin/{number}/envois?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("\"Adresse\";\"État\"", text.TrimStart('\uFEFF'));
        Assert.Contains($"\"{reader}\";\"Envoyé\"", text);

        // The ledger keeps what the outbox said once the outbox forgets it.
        await using (var scope = factory.Started().Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RqiiacPortail.Web.Modules.Bulletin.Sending.BulletinLedger>().KeepAsync(CancellationToken.None);
        await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Infrastructure.Mail.OutboxMail>().Where(m => m.To == reader).ExecuteDeleteAsync());
        Assert.Contains("Envoyé", (await board.GetDocumentAsync($"/bulletin/{number}/envois?q={Uri.EscapeDataString(reader)}")).QuerySelector("main table tbody tr")!.TextContent);
    }

    [Fact]
    public async Task AScheduledIssue_PublishesItselfWhenItsTimeComes_AndAPastMomentIsRefused()
    {
        var (board, _) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        await board.SubmitFormAsync("/bulletin/rediger", BulletinSteps.IssueForm(number, "Numéro programmé", "Bientôt."));

        var past = await board.SubmitFormAsync($"/bulletin/{number}/apercu", new Dictionary<string, string> { ["moment"] = "2020-01-01T08:00", ["envoyer"] = "true" }, handler: "Programmer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("Choisissez un moment à venir", await past.TextAsync());

        var later = DateTime.Now.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var scheduled = await board.SubmitFormAsync($"/bulletin/{number}/apercu", new Dictionary<string, string> { ["moment"] = later, ["envoyer"] = "true" }, handler: "Programmer");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var issue = await factory.IssueAsync(number);
        Assert.NotNull(issue.ScheduledFor);
        Assert.Equal(IssueState.Draft, issue.State);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync($"/bulletin/{number}")).StatusCode);

        // Its time comes (moved here rather than waited for); two passes at once publish it once.
        await factory.WithDbAsync(db => db.Set<BulletinIssue>().Where(i => i.Number == number)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ScheduledFor, DateTimeOffset.UtcNow.AddMinutes(-1))));
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = factory.Started().Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RqiiacPortail.Web.Modules.Bulletin.Sending.BulletinPublisher>().PublishDueAsync(CancellationToken.None);
        }));

        issue = await factory.IssueAsync(number);
        Assert.Equal(IssueState.Published, issue.State);
        Assert.NotNull(issue.SendStartedAt);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Infrastructure.Events.OutboxEvent>()
            .CountAsync(e => e.Type == nameof(RqiiacPortail.Web.Modules.Bulletin.Sending.BulletinSendStarted) && e.Payload.Contains($"\"IssueId\":{issue.Id},"))));
        Assert.Equal(HttpStatusCode.OK, (await factory.CreatePortalClient().GetAsync($"/bulletin/{number}")).StatusCode);
    }

    [Fact]
    public async Task ANumberTaken_OrAnArticleWithoutTitle_IsRefusedNextToItsField_AndNothingIsLost()
    {
        var (board, _) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        await board.SubmitFormAsync("/bulletin/rediger", BulletinSteps.IssueForm(number, "Premier", "Texte du premier."));

        var taken = await board.SubmitFormAsync("/bulletin/rediger", BulletinSteps.IssueForm(number, "Second", "Texte du second.", ("", "Un corps sans titre.")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        var page = await taken.DocumentAsync();
        Assert.Equal($"Le numéro {number} existe déjà : choisissez-en un autre.", page.QuerySelector("#Input_Number-erreur")!.TextContent.Trim());
        Assert.Equal("Donnez un titre à cet article.", page.QuerySelector("#Input_Articles\\[0\\]_Title-erreur")!.TextContent.Trim());
        Assert.Equal("Texte du second.", page.QuerySelector("#Input_Cover")!.TextContent);
        Assert.Equal("Un corps sans titre.", page.QuerySelector("#Input_Articles\\[0\\]_Body")!.TextContent);
        Assert.Equal("Premier", (await factory.IssueAsync(number)).Title);

        var tooLong = await board.SubmitFormAsync("/bulletin/rediger", BulletinSteps.IssueForm(BulletinSteps.FreshNumber(), new string('t', 201)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("au plus 200 caractères", (await tooLong.DocumentAsync()).QuerySelector("#Input_Title-erreur")!.TextContent);
    }

    [Fact]
    public async Task AnImage_IsTheBoardsUntilItsIssueIsOut_AndAFileThatIsNoImageIsRefused()
    {
        var (board, _) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        var saved = await board.SubmitMultipartAsync("/bulletin/rediger", BulletinSteps.IssueForm(number, "Numéro illustré", "Texte."),
            [("images", "photo.png", SampleFiles.Png())]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editor = await board.GetDocumentAsync($"/bulletin/rediger/{number}");
        var code = editor.QuerySelector("#images code")!.TextContent;
        var path = System.Text.RegularExpressions.Regex.Match(code, @"\((/bulletin/images/\d+/photo\.png)\)").Groups[1].Value;
        Assert.NotEmpty(path);
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync(path)).StatusCode);

        var refused = await board.SubmitMultipartAsync($"/bulletin/rediger/{number}", BulletinSteps.IssueForm(number, "Numéro illustré", "Texte."),
            [("images", "programme.png", SampleFiles.Executable())]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("programme.png", (await refused.DocumentAsync()).QuerySelector("#images-erreur")!.TextContent);

        await board.SubmitFormAsync($"/bulletin/{number}/apercu", new Dictionary<string, string>(), handler: "Publier");
        var image = await factory.CreatePortalClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task APastIssueInPdf_JoinsTheArchiveAtItsDate_WithoutBeingSent()
    {
        var (board, _) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        var fields = new Dictionary<string, string> { ["Pdf.Number"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Pdf.Title"] = "Numéro de 2009", ["Pdf.IssuedOn"] = "2009-03-01" };

        var notPdf = await board.SubmitMultipartAsync("/bulletin/redaction", fields, [("fichier", "numero.pdf", SampleFiles.Png())]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notPdf.StatusCode);
        Assert.Contains("n'est pas un PDF", (await notPdf.DocumentAsync()).QuerySelector("#fichier-erreur")!.TextContent);

        var added = await board.SubmitMultipartAsync("/bulletin/redaction", fields, [("fichier", "numero.pdf", SampleFiles.Pdf("Inter Action Communautaire 2009"))]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var visitor = factory.CreatePortalClient();
        var archive = await visitor.GetDocumentAsync("/bulletin");
        Assert.Contains("Numéro de 2009", archive.QuerySelector("#annee-2009")!.ParentElement!.TextContent);
        var pdf = await visitor.GetAsync($"/bulletin/{number}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var issue = await factory.IssueAsync(number);
        Assert.Null(issue.SendStartedAt);
        Assert.Empty(await factory.DeliveriesAsync(issue.Id));
    }

    [Fact]
    public async Task APublishedIssue_IsFoundByItsWordsAndFilteredByItsThemes_AndATermItUsesIsNotDeleted()
    {
        var (board, _) = await factory.BoardAsync();
        var number = BulletinSteps.FreshNumber();
        var word = "mot" + Guid.NewGuid().ToString("N")[..8];
        TermInfo term;
        await using (var scope = factory.Started().Services.CreateAsyncScope())
            term = (await scope.ServiceProvider.GetRequiredService<ITaxonomy>().FindAsync(Vocabularies.Approaches))!.Terms.First();
        var form = BulletinSteps.IssueForm(number, "Numéro à chercher", $"On y parle de {word}.");
        form["Input.Terms"] = term.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await board.SubmitFormAsync("/bulletin/rediger", form);
        Assert.Equal(HttpStatusCode.Redirect, (await board.SubmitFormAsync($"/bulletin/{number}/apercu", new Dictionary<string, string>(), handler: "Publier")).StatusCode);

        var visitor = factory.CreatePortalClient();
        AngleSharp.Dom.IDocument? found = null;
        for (var i = 0; i < 100; i++)
        {
            found = await visitor.GetDocumentAsync($"/recherche?q={word}&approche={term.Slug}");
            if (found.QuerySelectorAll("main .result a").Any(a => a.GetAttribute("href") == $"/bulletin/{number}")) break;
            await Task.Delay(100);
        }
        Assert.Contains(found!.QuerySelectorAll("main .result a"), a => a.GetAttribute("href") == $"/bulletin/{number}");

        var admin = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", [], [Roles.Administrator]));
        var refused = await admin.SubmitFormAsync("/admin/taxonomie", new Dictionary<string, string> { ["term"] = term.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, handler: "Supprimer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("numéros du bulletin : 1", await refused.TextAsync());
    }

    [Fact]
    public async Task AMemberNotOnTheBoard_CannotWritePreviewPublishOrReadTheLedger()
    {
        var member = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"));
        foreach (var url in new[] { "/bulletin/rediger", "/bulletin/redaction", "/bulletin/43/apercu", "/bulletin/43/envois", "/bulletin/43/apercu?handler=Courriel", "/bulletin/43/envois?handler=Csv" })
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(url)).StatusCode);
        var forged = await member.PostWithTokenAsync("/bulletin/43/apercu?handler=Publier", new Dictionary<string, string> { ["envoyer"] = "true" });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(IssueState.Draft, (await factory.IssueAsync(43)).State);
        var anonymous = await factory.CreatePortalClient().GetAsync("/bulletin/rediger");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}

public sealed class SqliteBulletinSendTests(SqlitePortalFactory factory) : BulletinSendTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresBulletinSendTests(PostgresPortalFactory factory) : BulletinSendTests<PostgresPortalFactory>(factory);
