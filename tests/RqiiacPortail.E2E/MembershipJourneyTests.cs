using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.E2E;

public sealed class MembershipJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ApplyConfirmApproveSignIn_InChromium()
    {
        var coordinator = await browser.Portal.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var email = $"nadia-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        const string password = "une longue phrase de passe";

        // The applicant fills the form from Lanaudière's section: the region is already chosen.
        var applicant = await browser.NewPageAsync();
        var form = new ApplicationPage(applicant);
        await form.OpenAsync("/lanaudiere");
        Assert.Equal("Lanaudière", await applicant.GetByLabel("Région").EvaluateAsync<string>("s => s.options[s.selectedIndex].text"));
        await form.FillAsync("Nadia", "Bélanger", email, password, "CISSS de Lanaudière");
        await form.SubmitAsync();
        await Assertions.Expect(applicant.GetByRole(AriaRole.Heading, new() { Name = "Demande reçue" })).ToBeVisibleAsync();

        // The confirmation link comes from the message the SMTP server actually received.
        var confirmation = await Mailbox.WaitForAsync(email);
        var link = new Uri(Mailbox.Link(confirmation, "/compte/confirmer"));
        await applicant.GotoAsync(link.PathAndQuery);
        await Assertions.Expect(applicant.GetByText("Votre adresse est confirmée")).ToBeVisibleAsync();

        // The coordinator signs in, finds the application and approves it.
        var coordination = await browser.NewPageAsync();
        await new SignInPage(coordination).SignInAsync(coordinator.Email, coordinator.Password);
        await coordination.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await coordination.GetByRole(AriaRole.Link, new() { Name = "Demandes d'adhésion" }).ClickAsync();
        await coordination.GetByRole(AriaRole.Link, new() { Name = "Nadia Bélanger" }).ClickAsync();
        await coordination.GetByRole(AriaRole.Button, new() { Name = "Approuver l'adhésion" }).ClickAsync();
        await Assertions.Expect(coordination.GetByText("Aucune demande n'attend de décision.")).ToBeVisibleAsync();

        // The new member is told, signs in and reaches the members-only directory.
        await Mailbox.WaitForAsync(email, m => m.Subject!.Contains("approuvée"));
        await new SignInPage(applicant).SignInAsync(email, password);
        await Assertions.Expect(applicant.Locator(".account-nav__name")).ToHaveTextAsync("Nadia Bélanger");
        await applicant.GetByRole(AriaRole.Link, new() { Name = "Membres" }).ClickAsync();
        await Assertions.Expect(applicant.GetByRole(AriaRole.Heading, new() { Name = "Nadia Bélanger" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BadInput_ShowsFrenchMessagesNextToTheFields()
    {
        var page = await browser.NewPageAsync();
        var form = new ApplicationPage(page);
        await form.OpenAsync();
        await form.SubmitAsync();

        await Assertions.Expect(page.Locator("#Input_FirstName-erreur")).ToHaveTextAsync("Indiquez votre prénom.");
        await Assertions.Expect(page.Locator("#Input_HomeSectionId-erreur")).ToHaveTextAsync("Choisissez votre région.");
        await Assertions.Expect(page.Locator("#Input_Consent-erreur")).ToContainTextAsync("avis de confidentialité");
        await page.AssertNoSeriousViolationsAsync();
    }
}
