using RqiiacPortail.E2E.Infrastructure;

namespace RqiiacPortail.E2E;

/// <summary>axe-core in Chromium: no serious or critical violation on the main pages.</summary>
public sealed class AccessibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/regions")]
    [InlineData("/compte/inscription")]
    [InlineData("/compte/connexion")]
    [InlineData("/lanaudiere/")]
    [InlineData("/page-introuvable")]
    [InlineData("/recherche?q=concertation")]
    [InlineData("/recherche?q=((")]
    public async Task Page_HasNoSeriousAccessibilityViolation(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        await page.AssertNoSeriousViolationsAsync();
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
