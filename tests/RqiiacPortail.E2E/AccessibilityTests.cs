using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;

namespace RqiiacPortail.E2E;

/// <summary>axe-core in Chromium: no serious or critical violation on the main pages.</summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/regions")]
    [InlineData("/compte/inscription")]
    [InlineData("/compte/connexion")]
    [InlineData("/compte/confirmation/renvoyer")]
    [InlineData("/lanaudiere/")]
    [InlineData("/page-introuvable")]
    [InlineData("/recherche?q=concertation")]
    [InlineData("/recherche?q=((")]
    [InlineData("/bulletin")]
    [InlineData("/bulletin/41")]
    public async Task Page_HasNoSeriousAccessibilityViolation(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>The pages behind the sign-in: a member's own, then the coordination's and the administration's.</summary>
    [Theory]
    [InlineData("membre", new[] { "/outils/nouveau", "/notifications", "/notifications/preferences", "/membres", "/compte", "/compte/mot-de-passe", "/compte/supprimer", "/compte/deconnexion" })]
    [InlineData("coordination", new[] { "/admin", "/admin/demandes", "/admin/annonces", "/lanaudiere/outils/nouveau" })]
    [InlineData("administration", new[] { "/admin/sections", "/admin/sections/nouvelle", "/admin/membres", "/admin/taxonomie", "/admin/recherche", "/admin/courriels", "/admin/courriels?etat=Sent" })]
    public async Task SignedInPages_HaveNoSeriousAccessibilityViolation(string persona, string[] paths)
    {
        var account = persona switch
        {
            "membre" => await browser.Portal.CreateMemberAsync("lanaudiere"),
            "coordination" => await browser.Portal.CreateMemberAsync("lanaudiere", ("lanaudiere", RqiiacPortail.Web.Modules.Members.Contracts.Roles.Coordinator)),
            _ => await browser.Portal.CreateMemberAsync("lanaudiere", [], [RqiiacPortail.Web.Modules.Members.Contracts.Roles.Administrator]),
        };
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(account.Email, account.Password);

        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            await page.AssertNoSeriousViolationsAsync();
        }
    }

    [Fact]
    public async Task SkipLink_MovesFocusToTheMainContent()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/regions");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Aller au contenu", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("contenu", await page.EvaluateAsync<string>("document.activeElement.id"));
    }
}
