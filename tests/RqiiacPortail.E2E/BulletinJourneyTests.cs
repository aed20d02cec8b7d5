using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;
using RqiiacPortail.Tests.Bulletin;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.E2E;

/// <summary>
/// The bulletin in Chromium: the public subscribes from the national home's box and confirms from the received
/// e-mail; the board writes an issue (an article added on demand), previews the e-mail, sends a test, publishes and
/// watches the send end on the ledger without reloading; a reader unsubscribes from the link in the received issue;
/// the board announces with a banner that a visitor follows to the announcement's page. axe on every page of the way,
/// and the board's pages on a phone.
/// </summary>
public sealed class BulletinJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Phone = 390;

    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    [Fact]
    public async Task TheProspectSubscribesFromTheHomePage_AndConfirmsFromTheReceivedEmail()
    {
        var email = BulletinSteps.Address("visiteuse");
        var page = await browser.NewPageAsync(Phone);
        await page.GotoAsync("/");
        await page.Locator("#abonnement-courriel").FillAsync(email);
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "S'abonner" }));

        // The subscription page, with the consent's notice and the address carried over.
        await Assertions.Expect(page.Locator("#courriel")).ToHaveValueAsync(email);
        await Assertions.Expect(page.Locator("#courriel-avis")).ToContainTextAsync("lien pour vous désabonner");
        await page.AssertNoSeriousViolationsAsync();
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "M'abonner" }));
        await Assertions.Expect(page.Locator("main [role=status]")).ToContainTextAsync("un courriel de confirmation vient d'y être envoyé");
        await page.AssertNoSeriousViolationsAsync();

        var confirmation = await Mailbox.WaitForAsync(email);
        await page.GotoAsync(PathOf(Mailbox.Link(confirmation, "/bulletin/abonnement/confirmer")));
        await page.AssertNoSeriousViolationsAsync();
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon abonnement" }));
        await Assertions.Expect(page.Locator("main [role=status]")).ToContainTextAsync("C'est confirmé");
        var state = await browser.Portal.WithDbAsync(db => db.Set<BulletinSubscriber>().Where(s => s.Email == email).Select(s => s.State).SingleAsync());
        Assert.Equal(SubscriberState.Confirmed, state);

        await page.GetByRole(AriaRole.Link, new() { Name = "Lire les numéros parus" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Inter Action Communautaire");
    }

    [Fact]
    public async Task TheBoardWritesPreviewsTestsAndPublishes_WatchesTheSend_AndAReaderUnsubscribesFromTheIssue()
    {
        var board = await browser.Portal.CreateMemberAsync("lanaudiere", [], [Roles.Board]);
        var reader = BulletinSteps.Address("lectrice");
        await browser.Portal.SubscribersAsync([reader]);
        var number = BulletinSteps.FreshNumber();
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(board.Email, board.Password);

        await page.GotoAsync("/bulletin/redaction");
        await page.AssertNoSeriousViolationsAsync();
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Link, new() { Name = "Rédiger un numéro" }));
        await page.AssertNoSeriousViolationsAsync();
        await page.Locator("#Input_Number").FillAsync(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#Input_Title").FillAsync("Le numéro du navigateur");
        await page.GetByLabel("Mot d'ouverture (Markdown)").FillAsync("Bonjour. Voyez la [boîte à outils](/outils).");
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Ajouter un article" }).ClickAsync();
        await page.GetByLabel("Titre de l'article").First.FillAsync("Premier article");
        await page.GetByLabel("Texte (Markdown)").First.FillAsync("Un paragraphe **important**.");
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }));

        // The preview: the e-mail in its frame, its text beside, a test to oneself.
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync($"Numéro {number}");
        var frame = page.FrameLocator("iframe.mail-preview");
        await Assertions.Expect(frame.Locator("h1")).ToHaveTextAsync("Le numéro du navigateur");
        await Assertions.Expect(frame.Locator("a[href^='http'][href$='/outils']")).ToHaveCountAsync(1);
        await page.AssertNoSeriousViolationsAsync();
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "M'envoyer un essai" }));
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Un essai vient de partir");
        await Mailbox.WaitForAsync(board.Email, m => m.Subject.StartsWith("[Essai]", StringComparison.Ordinal));

        // Published with its send, the ledger follows it to the end without a reload.
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }));
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync($"Envoi du numéro {number}");
        await Assertions.Expect(page.Locator("#etat-envoi")).ToContainTextAsync("Envoi terminé", new() { Timeout = 30_000 });
        await page.AssertNoSeriousViolationsAsync();

        var issue = await Mailbox.WaitForAsync(reader, m => m.Subject.Contains($"n° {number} "));
        var visitor = await browser.NewPageAsync(Phone);
        await visitor.GotoAsync(PathOf(Mailbox.Link(issue, "/bulletin/desabonnement/")));
        await visitor.AssertNoSeriousViolationsAsync();
        await visitor.ClickAndWaitForNextPageAsync(visitor.GetByRole(AriaRole.Button, new() { Name = "Me désabonner" }));
        await Assertions.Expect(visitor.Locator("main [role=status]")).ToContainTextAsync("ne recevra plus");
        var state = await browser.Portal.WithDbAsync(db => db.Set<BulletinSubscriber>().Where(s => s.Email == reader).Select(s => s.State).SingleAsync());
        Assert.Equal(SubscriberState.Unsubscribed, state);

        // The issue is in the archive for everyone.
        await visitor.GotoAsync($"/bulletin/{number}");
        await Assertions.Expect(visitor.Locator("main h1")).ToHaveTextAsync("Le numéro du navigateur");
    }

    [Fact]
    public async Task TheBoardsPages_FitAPhone()
    {
        var board = await browser.Portal.CreateMemberAsync("lanaudiere", [], [Roles.Board]);
        var page = await browser.NewPageAsync(Phone);
        await new SignInPage(page).SignInAsync(board.Email, board.Password);
        foreach (var path in new[] { "/bulletin/redaction", "/bulletin/rediger", "/bulletin/rediger/43", "/bulletin/43/apercu", "/bulletin/41/envois", "/bulletin/abonnement", "/notifications/preferences" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px on a phone");
            await page.AssertNoSeriousViolationsAsync();
        }
    }

    [Fact]
    public async Task TheBoardAnnouncesWithABanner_AndAVisitorReadsItsPage()
    {
        var board = await browser.Portal.CreateMemberAsync("lanaudiere", [], [Roles.Board]);
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(board.Email, board.Password);
        await page.GotoAsync("/admin/annonces");
        var title = "Assemblée générale " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Destinataires").SelectOptionAsync(new SelectOptionValue { Label = "Tous les membres du réseau" });
        await page.Locator("#Input_Title").FillAsync(title);
        await page.Locator("#Input_Text").FillAsync("L'assemblée se tiendra en ligne. **Inscrivez-vous** avant le 15.");
        await page.Locator("#Input_BannerUntil").FillAsync(DateTime.Now.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.AssertNoSeriousViolationsAsync();
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'annonce" }));

        var visitor = await browser.NewPageAsync(Phone);
        await visitor.GotoAsync("/");
        var banner = visitor.Locator(".banners a", new() { HasText = title });
        await Assertions.Expect(banner).ToHaveCountAsync(1);
        await visitor.AssertNoSeriousViolationsAsync();
        await visitor.ClickAndWaitForNextPageAsync(banner);
        await Assertions.Expect(visitor.Locator("main h1")).ToHaveTextAsync(title);
        await Assertions.Expect(visitor.Locator("main strong")).ToHaveTextAsync("Inscrivez-vous");
        var overflow = await visitor.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the announcement scrolls sideways by {overflow} px on a phone");
        await visitor.AssertNoSeriousViolationsAsync();
    }
}
