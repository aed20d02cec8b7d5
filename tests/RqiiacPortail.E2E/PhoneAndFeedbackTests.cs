using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.E2E;

/// <summary>
/// What people meet on a phone and after each action (issue 10): no page wider than a 390 px screen, a refused
/// form's errors focused, a destructive action asked first and its outcome announced.
/// </summary>
public sealed class PhoneAndFeedbackTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const int Phone = 390;

    private static async Task AssertFitsAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response!.Ok, $"{path}: {response.Status}");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone, $"{path} is {width} px wide on a {Phone} px screen");
    }

    [Fact]
    public async Task EveryMainPage_FitsAPhoneWithoutScrollingSideways()
    {
        var visitor = await browser.NewPageAsync(Phone);
        await visitor.GotoAsync("/outils");
        var tool = await visitor.Locator("main .card a").First.GetAttributeAsync("href");
        foreach (var path in new[] { "/", "/regions", "/outils", tool!, "/lanaudiere/", "/recherche?q=concertation", "/compte/connexion", "/compte/inscription" })
            await AssertFitsAsync(visitor, path);

        var admin = await browser.Portal.CreateMemberAsync("lanaudiere", [("lanaudiere", Roles.Coordinator)], [Roles.Administrator]);
        var signedIn = await browser.NewPageAsync(Phone);
        await new SignInPage(signedIn).SignInAsync(admin.Email, admin.Password);
        foreach (var path in new[] { tool!, "/outils/nouveau", "/notifications", "/notifications/preferences", "/membres", "/compte", "/admin",
                     "/admin/demandes", "/admin/membres", "/admin/sections", "/admin/taxonomie", "/admin/recherche", "/admin/annonces" })
            await AssertFitsAsync(signedIn, path);
    }

    [Fact]
    public async Task ARefusedForm_PutsTheFocusOnItsListOfErrors_WhichLinksToTheField()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/compte/inscription");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande" }).ClickAsync();
        await page.WaitForLoadStateAsync();

        Assert.Equal("error-summary", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.Locator(".error-summary a[href='#Input_FirstName']").ClickAsync();
        Assert.Equal("Input_FirstName", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task WithdrawingATool_AsksFirst_ThenSaysItIsDone()
    {
        var member = await browser.Portal.CreateMemberAsync("lanaudiere");
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(member.Email, member.Password, "/lanaudiere");
        var share = new ShareToolPage(page);
        await share.OpenAsync("/lanaudiere");
        await share.ShareAsync("Aide-mémoire de rencontre", "Les points à couvrir.", "aide.pdf",
            RqiiacPortail.Tests.Infrastructure.SampleFiles.Pdf("Aide-mémoire"), "Développement des communautés");
        await Assertions.Expect(page.Locator("main .flash[role=status]")).ToHaveTextAsync("Outil publié : il est maintenant dans la boîte à outils.");

        string? asked = null;
        async void Dismiss(object? _, IDialog dialog) { asked = dialog.Message; await dialog.DismissAsync(); }
        page.Dialog += Dismiss;
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer l'outil" }).ClickAsync();
        Assert.StartsWith("Retirer cet outil?", asked);
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Aide-mémoire de rencontre");
        page.Dialog -= Dismiss;

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer l'outil" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .flash[role=status]")).ToHaveTextAsync("Outil « Aide-mémoire de rencontre » retiré.");
    }
}
