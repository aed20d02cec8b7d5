using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;
using RqiiacPortail.Tests.Events;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.E2E;

/// <summary>
/// Events in Chromium: a member registers and gets the confirmation from the SMTP server, the seats change live on
/// another reader's page, the member cancels, the first in line is offered the seat and accepts it; axe on the
/// event pages and the organizer's pages, and the door on a phone.
/// </summary>
public sealed class EventJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string PathOf(MimeKit.MimeMessage mail, string code) => new Uri(Mailbox.Link(mail, code)).PathAndQuery;

    [Fact]
    public async Task AMemberRegisters_ThenCancels_AndTheFirstInLineAcceptsTheOfferedSeat()
    {
        var e = await browser.Portal.CreateEventAsync(shape: x =>
        {
            x.Capacity = 1;
            x.Fees.Add(new FeeCategory { Label = "Membre", Amount = 40, Position = 0 });
        });
        var first = await browser.Portal.CreateMemberAsync("lanaudiere");
        var second = await browser.Portal.CreateMemberAsync("monteregie");
        var reader = await browser.NewPageAsync();
        await reader.GotoAsync(EventSteps.PathOf(e));
        await Assertions.Expect(reader.Locator("html[data-event-live=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(reader.Locator("[data-seats-left]")).ToHaveTextAsync("1 place restante");

        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(first.Email, first.Password, "/lanaudiere");
        await page.GotoAsync(EventSteps.PathOf(e));
        await page.GetByRole(AriaRole.Link, new() { Name = "M'inscrire", Exact = true }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Membre : 40,00 $").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "M'inscrire", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Votre inscription est confirmée.");
        await page.AssertNoSeriousViolationsAsync();

        // The other reader's page follows without a reload.
        await Assertions.Expect(reader.Locator("[data-seats-left]")).ToHaveTextAsync("complet");
        var confirmation = await Mailbox.WaitForAsync(first.Email, m => m.Subject == $"Inscription confirmée : {e.Title}");
        Assert.Contains(confirmation.Attachments, a => a.ContentType.MimeType == "text/calendar");
        var code = Mailbox.Link(confirmation, "/evenements/inscriptions/").Split("/evenements/inscriptions/")[1];

        var waiting = await browser.NewPageAsync();
        await new SignInPage(waiting).SignInAsync(second.Email, second.Password, "/lanaudiere");
        await waiting.GotoAsync($"{EventSteps.PathOf(e)}/inscription");
        await waiting.GetByLabel("Membre : 40,00 $").CheckAsync();
        await waiting.GetByRole(AriaRole.Button, new() { Name = "M'inscrire sur la liste d'attente" }).ClickAsync();
        await Assertions.Expect(waiting.Locator("main")).ToContainTextAsync("Liste d'attente : vous êtes en position 1");

        // The first cancels from the confirmation's link, after saying yes to the question.
        await page.GotoAsync(PathOf(confirmation, code));
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuler mon inscription" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Votre inscription est annulée.");
        await Mailbox.WaitForAsync(first.Email, m => m.Subject == $"Inscription annulée : {e.Title}");

        var offer = await Mailbox.WaitForAsync(second.Email, m => m.Subject == $"Une place s'est libérée : {e.Title}");
        await waiting.GotoAsync(PathOf(offer, "/evenements/inscriptions/"));
        await Assertions.Expect(waiting.Locator("main")).ToContainTextAsync("Une place vous est offerte");
        await waiting.AssertNoSeriousViolationsAsync();
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Accepter la place" }).ClickAsync();
        await Assertions.Expect(waiting.Locator(".flash")).ToContainTextAsync("La place est à vous : votre inscription est confirmée.");
        await Mailbox.WaitForAsync(second.Email, m => m.Subject == $"Inscription confirmée : {e.Title}");
        await Assertions.Expect(reader.Locator("[data-seats-left]")).ToHaveTextAsync("complet");
    }

    [Fact]
    public async Task TheEventPages_AndTheOrganizersPages_HaveNoSeriousAccessibilityViolation_AndTheDoorFitsAPhone()
    {
        Workshop w = null!;
        var e = await browser.Portal.CreateEventAsync(shape: x =>
        {
            w = x.AddWorkshop("Atelier pour axe", 10);
            x.Questions.Add(new RegistrationQuestion { Label = "Besoins d'accessibilité", Kind = QuestionKind.ShortText, Position = 0 });
            x.Questions.Add(new RegistrationQuestion { Label = "Souper", Kind = QuestionKind.YesNo, Required = true, Position = 1 });
        });
        var visitor = await browser.NewPageAsync();
        foreach (var path in new[] { "/evenements", "/lanaudiere/evenements", EventSteps.PathOf(e), $"{EventSteps.PathOf(e)}/inscription" })
        {
            var response = await visitor.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            await visitor.AssertNoSeriousViolationsAsync();
        }
        // A refused registration: its errors, then the registration's own page.
        await visitor.ClickAndWaitForNextPageAsync(visitor.GetByRole(AriaRole.Button, new() { Name = "M'inscrire", Exact = true }));
        await visitor.AssertNoSeriousViolationsAsync();
        await visitor.GetByLabel("Nom").FillAsync("Visiteuse axe");
        var visitorEmail = EventSteps.Visitor();
        await visitor.GetByLabel("Adresse courriel").FillAsync(visitorEmail);
        await visitor.GetByLabel("Oui").CheckAsync();
        await visitor.GetByLabel("Atelier pour axe").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "M'inscrire", Exact = true }).ClickAsync();
        await Assertions.Expect(visitor.Locator(".flash")).ToContainTextAsync("confirmez votre adresse");
        await visitor.AssertNoSeriousViolationsAsync();
        // One click from the e-mail the SMTP server received confirms the address, in another browser (a phone, say).
        var confirm = await Mailbox.WaitForAsync(visitorEmail, m => m.Subject == $"Confirmez votre adresse : {e.Title}");
        var elsewhere = await browser.NewPageAsync(390);
        await elsewhere.GotoAsync(PathOf(confirm, "handler=Confirmer"));
        await Assertions.Expect(elsewhere.Locator(".flash")).ToContainTextAsync("Votre adresse est confirmée. Votre inscription tient.");
        await elsewhere.AssertNoSeriousViolationsAsync();

        var coordinator = await browser.Portal.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(coordinator.Email, coordinator.Password);
        var lanaudiere = (await browser.Portal.SectionAsync("lanaudiere")).Id;
        foreach (var path in new[] { "/admin/evenements", $"/admin/evenements/nouveau?section={lanaudiere}", $"/admin/evenements/{e.Id}",
                     $"/admin/evenements/{e.Id}/inscriptions", $"/admin/evenements/{e.Id}/accueil", "/evenements/mes-inscriptions" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            await page.AssertNoSeriousViolationsAsync();
        }
        // The event's form keeps its repeated rows folded: one workshop, fee or question at a time, on demand.
        await page.GotoAsync($"/admin/evenements/nouveau?section={lanaudiere}");
        await Assertions.Expect(page.Locator("[data-repeat-blank]:visible")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "+ Ajouter un atelier" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-repeat-blank]:visible")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-repeat-blank]:visible input[name$='.Title']")).ToBeFocusedAsync();
        await page.AssertNoSeriousViolationsAsync();
        // The event's form refused: its messages next to the fields.
        await page.GotoAsync($"/admin/evenements/nouveau?section={lanaudiere}");
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }));
        await page.AssertNoSeriousViolationsAsync();

        // The door on a phone: the list fits, and a tap marks the person present.
        var phone = await browser.NewPageAsync(390);
        await new SignInPage(phone).SignInAsync(coordinator.Email, coordinator.Password);
        foreach (var path in new[] { $"/admin/evenements/{e.Id}/accueil", EventSteps.PathOf(e), $"/admin/evenements/{e.Id}/inscriptions", "/evenements",
                     "/lanaudiere/evenements", $"{EventSteps.PathOf(e)}/inscription", "/evenements/mes-inscriptions", "/admin/evenements",
                     $"/admin/evenements/nouveau?section={lanaudiere}", $"/admin/evenements/{e.Id}" })
        {
            await phone.GotoAsync(path);
            var width = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth");
            var wide = width <= 390 ? "" : await phone.EvaluateAsync<string>(
                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 390).map(e => e.tagName + '.' + e.className).slice(0, 6).join(', ')");
            Assert.True(width <= 390, $"{path} is {width} px wide on a 390 px screen: {wide}");
        }
        // The door on a phone: typing part of a name (without its accent) leaves that person's card, whose large
        // button is wholly on the screen; a tap marks the arrival and the count moves without a reload; undo takes it back.
        // A second volunteer at the same door, on a computer: she sees the phone's check-ins without reloading.
        await page.GotoAsync($"/admin/evenements/{e.Id}/accueil");
        await Assertions.Expect(page.Locator("html[data-door-shared=true]")).ToHaveCountAsync(1);
        await phone.GotoAsync($"/admin/evenements/{e.Id}/accueil");
        await Assertions.Expect(phone.Locator("html[data-door-live=true]")).ToHaveCountAsync(1);
        await phone.EvaluateAsync("window.__sameDocument = true");
        await phone.GetByLabel("Chercher une personne").FillAsync("visiteuse ax");
        var card = phone.Locator("[data-door-person]:visible");
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card.Locator(".door__name")).ToHaveTextAsync("Visiteuse axe");
        var arrive = card.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Arrivée") });
        var box = (await arrive.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390 && box.Height >= 44, $"the button is at {box.X}+{box.Width} px, {box.Height} px tall");
        await arrive.ClickAsync();
        await Assertions.Expect(phone.Locator("[data-door-present]")).ToHaveTextAsync("1");
        var here = phone.Locator("[data-door-person].door__person--here");
        await Assertions.Expect(here).ToContainTextAsync("Arrivée à");
        await Assertions.Expect(page.Locator("[data-door-present]")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-door-person].door__person--here .door__name")).ToHaveTextAsync("Visiteuse axe");
        await here.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Annuler l.arrivée") }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-door-present]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-door-present]")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("[data-door-person].door__person--here")).ToHaveCountAsync(0);
        Assert.True(await phone.EvaluateAsync<bool>("window.__sameDocument === true"), "the door reloaded its list");
        await phone.AssertNoSeriousViolationsAsync();
    }
}
