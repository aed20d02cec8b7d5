using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;
using RqiiacPortail.Tests.Bulletin;
using RqiiacPortail.Tests.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.E2E;

/// <summary>
/// The main pages as pictures, at 1280 px and on a 390 px phone: what the README's « Aperçu » shows, made again by
/// <c>RQIIAC_SCREENSHOTS=docs/apercu dotnet test tests/RqiiacPortail.E2E --filter ScreenshotTests</c>. In the suite
/// they go to a temporary folder: the run still proves every main page renders whole at both widths.
/// </summary>
public sealed class ScreenshotTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string Folder = Environment.GetEnvironmentVariable("RQIIAC_SCREENSHOTS") is { Length: > 0 } asked
        ? Path.GetFullPath(asked)
        : Path.Combine(Path.GetTempPath(), "rqiiac-apercu");

    private static async Task ShootAsync(IPage page, string path, string name, bool phone)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response!.Ok, $"{path}: {response.Status}");
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}-{(phone ? "390" : "1280")}.png"), FullPage = !phone });
    }

    [Fact]
    public async Task TheMainPages_AtADesktopsWidth_AndAPhones()
    {
        var e = await browser.Portal.CreateEventAsync("lanaudiere");
        // A few people at the door, one already arrived.
        var people = new[] { ("Amélie Bélanger", "CISSS de Lanaudière"), ("Bruno Côté", "CLSC de Joliette"), ("Chloé Désilets", "Table de concertation"), ("Émile Fortin", null) };
        await browser.Portal.WithDbAsync(async db =>
        {
            var arrival = 0;
            foreach (var (name, employer) in people)
            {
                var email = RqiiacPortail.Web.Infrastructure.Text.Slug.From(name) + "@exemple.ca";
                db.Add(new RqiiacPortail.Web.Modules.Events.Registration
                {
                    EventId = e.Id, Name = name, Email = email, ActiveEmail = email, Employer = employer, Code = Guid.NewGuid().ToString("N"),
                    Status = RqiiacPortail.Web.Modules.Events.RegistrationStatus.Confirmed, EmailConfirmed = true, Arrival = ++arrival,
                    CreatedAt = DateTimeOffset.UtcNow, PresentAt = arrival == 2 ? DateTimeOffset.UtcNow : null,
                });
            }
            return await db.SaveChangesAsync();
        });
        var coordinator = await browser.Portal.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator), ("lanaudiere", Roles.Moderator));
        // What a coordinator's bell holds on an ordinary week: each kind with its icon, from minutes to days ago.
        await browser.Portal.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (kind, title, ago, read) in new[]
                     {
                         ("forum-mention", "Amélie Bélanger vous a mentionnée dans « Comment animer une première rencontre de concertation? »", TimeSpan.FromMinutes(12), false),
                         ("forum-suivi", "Nouvelle réponse dans « Lectures pour bien commencer en organisation communautaire »", TimeSpan.FromHours(3), false),
                         ("evenements-inscription", "Une place vous est offerte à « Journée d'échange régionale de Lanaudière »", TimeSpan.FromHours(26), true),
                         ("forum-moderation", "Votre message dans « Bienvenue dans les discussions du portail » est publié", TimeSpan.FromDays(3), true),
                     }.Reverse())
                db.Add(new RqiiacPortail.Web.Modules.Notifications.Notification
                {
                    UserId = coordinator.UserId, Kind = kind, Title = title, Link = "/forum", CreatedAt = now - ago, ReadAt = read ? now : null, RaisedBy = "apercu",
                });
            return await db.SaveChangesAsync();
        });
        foreach (var (width, phone) in new[] { (1280, false), (390, true) })
        {
            var visitor = await browser.NewPageAsync(width);
            await ShootAsync(visitor, "/", "accueil-national", phone);
            await ShootAsync(visitor, "/lanaudiere/", "accueil-region", phone);
            await ShootAsync(visitor, "/outils", "outils", phone);
            await ShootAsync(visitor, "/forum", "forum", phone);
            await ShootAsync(visitor, "/forum/sujets/2", "sujet", phone);
            await ShootAsync(visitor, "/evenements", "evenements", phone);
            await ShootAsync(visitor, "/outils/1", "outil", phone);
            await ShootAsync(visitor, "/forum/pratiques-et-outils", "categorie", phone);
            await ShootAsync(visitor, "/bulletin", "bulletin", phone);
            await ShootAsync(visitor, "/bulletin/41", "bulletin-numero", phone);

            var member = await browser.NewPageAsync(width);
            await new SignInPage(member).SignInAsync(coordinator.Email, coordinator.Password);
            await ShootAsync(member, $"/admin/evenements/{e.Id}/accueil", "accueil-evenement", phone);
            await ShootAsync(member, "/admin/journal", "journal", phone);
            await ShootAsync(member, $"/admin/evenements/{e.Id}/inscriptions", "inscriptions", phone);
            await ShootAsync(member, $"/admin/evenements/nouveau?section={(await browser.Portal.SectionAsync("lanaudiere")).Id}", "evenement-nouveau", phone);
            await ShootAsync(member, "/notifications", "notifications", phone);
            // A member's forum pages, the second time from the copy kept for their kind, their own marks in it.
            foreach (var (path, name) in new[] { ("/forum/sujets/2", "sujet-membre"), ("/forum/pratiques-et-outils", "categorie-membre"), ("/", "accueil-membre") })
            {
                await member.GotoAsync(path);
                await ShootAsync(member, path, name, phone);
                await member.AssertNoSeriousViolationsAsync();
            }
        }
        Assert.True(Directory.GetFiles(Folder, "*.png").Length >= 18);
    }

    /// <summary>The forms people fill and the pages that refuse, at both widths: what a change to them is looked at with.</summary>
    [Fact]
    public async Task TheFormsAndTheRefusals_AtADesktopsWidth_AndAPhones()
    {
        var administrator = await browser.Portal.CreateMemberAsync("lanaudiere", [], [Roles.Administrator]);
        var member = await browser.Portal.CreateMemberAsync("monteregie");
        var lanaudiere = (await browser.Portal.SectionAsync("lanaudiere")).Id;
        foreach (var (width, phone) in new[] { (1280, false), (390, true) })
        {
            var admin = await browser.NewPageAsync(width);
            await new SignInPage(admin).SignInAsync(administrator.Email, administrator.Password);
            await ShootAsync(admin, $"/admin/membres/{member.UserId}", "membre", phone);
            await ShootAsync(admin, $"/admin/sections/{lanaudiere}", "section", phone);
            await ShootAsync(admin, "/admin/annonces", "annonces", phone);
            await ShootAsync(admin, "/outils/nouveau", "outil-nouveau", phone);
            await ShootAsync(admin, "/forum/pratiques-et-outils/nouveau", "sujet-nouveau", phone);
            await ShootAsync(admin, "/admin/moderation", "moderation", phone);
            await ShootAsync(admin, "/membres", "membres", phone);

            var other = await browser.NewPageAsync(width);
            await new SignInPage(other).SignInAsync(member.Email, member.Password);
            var response = await other.GotoAsync("/lanaudiere/forum/lanaudiere-entraide");
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(other.Locator("main")).ToContainTextAsync("réservée aux membres de la section Lanaudière");
            await other.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"reserve-{(phone ? "390" : "1280")}.png"), FullPage = !phone });
        }
    }

    /// <summary>The bulletin's pages: the subscription, and the board's desk, writer, preview and send.</summary>
    [Fact]
    public async Task TheBulletinsPages_AtADesktopsWidth_AndAPhones()
    {
        var board = await browser.Portal.CreateMemberAsync("lanaudiere", [], [Roles.Board]);
        await browser.Portal.SubscribersAsync(Enumerable.Range(0, 12).Select(_ => RqiiacPortail.Tests.Bulletin.BulletinSteps.Address("apercu")));
        foreach (var (width, phone) in new[] { (1280, false), (390, true) })
        {
            var page = await browser.NewPageAsync(width);
            await ShootAsync(page, "/bulletin/abonnement", "bulletin-abonnement", phone);
            await new SignInPage(page).SignInAsync(board.Email, board.Password);
            await ShootAsync(page, "/bulletin/redaction", "bulletin-redaction", phone);
            await ShootAsync(page, "/bulletin/rediger/43", "bulletin-rediger", phone);
            await ShootAsync(page, "/bulletin/43/apercu", "bulletin-apercu", phone);
            if (!phone)
            {
                await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }));
                await Assertions.Expect(page.Locator("#etat-envoi")).ToContainTextAsync("Envoi terminé", new() { Timeout = 30_000 });
            }
            await ShootAsync(page, "/bulletin/43/envois", "bulletin-envois", phone);
            await ShootAsync(page, "/notifications/preferences", "preferences", phone);
            await ShootAsync(page, "/admin/annonces", "annonces-formulaire", phone);
            if (!phone)
            {
                await page.Locator("#Input_Title").FillAsync("Assemblée générale annuelle : inscrivez-vous");
                await page.Locator("#Input_Text").FillAsync("L'assemblée se tiendra **en ligne** le 20 janvier. Voyez l'[ordre du jour](/bulletin).");
                await page.Locator("#Input_BannerUntil").FillAsync(DateTime.Now.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Envoyer l'annonce" }));
            }
            var visitor = await browser.NewPageAsync(width);
            await ShootAsync(visitor, "/", "accueil-banniere", phone);
            await visitor.GotoAsync("/");
            await ShootAsync(visitor, (await visitor.Locator(".banners a").First.GetAttributeAsync("href"))!, "annonce", phone);
        }
    }
}
