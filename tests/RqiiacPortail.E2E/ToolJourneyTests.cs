using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.E2E;

public sealed class ToolJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AMemberSharesATool_FindsItWithTheSearchBox_OpensItAndDownloadsTheFile()
    {
        var member = await browser.Portal.CreateMemberAsync("lanaudiere");
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(member.Email, member.Password, "/lanaudiere");
        var pdf = SampleFiles.Pdf("Calendrier des cuisines collectives de Joliette", "Inscriptions et horaires");

        var share = new ShareToolPage(page);
        await share.OpenAsync("/lanaudiere");
        await share.ShareAsync("Calendrier des cuisines collectives", "Le calendrier partagé entre les organismes du territoire.", "calendrier.pdf", pdf, "Développement des communautés");
        // The verification page reloads itself once the analysis is done: checked once it has (a check while it
        // reloads loses its document under it).
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Voir l'outil" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.AssertNoSeriousViolationsAsync();
        await share.OpenOnceAnalysedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calendrier des cuisines collectives", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        // The text inside the PDF is what the search box finds; the index catches up within seconds.
        for (var attempt = 0; ; attempt++)
        {
            await page.GetByLabel("Rechercher dans le portail").FillAsync("cuisines collectives Joliette");
            await page.ClickAndWaitForNextPageAsync(page.Locator(".site-search button"));
            if (await page.Locator(".result h3 a").CountAsync() > 0 || attempt == 30) break;
            await Task.Delay(500);
        }
        await Assertions.Expect(page.Locator(".result h3 a").First).ToHaveTextAsync("Calendrier des cuisines collectives");
        await page.AssertNoSeriousViolationsAsync();
        await Assertions.Expect(page.Locator(".result__snippet mark").First).ToBeVisibleAsync();

        await page.Locator(".result h3 a").First.ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "calendrier.pdf" }).ClickAsync());
        var path = await download.PathAsync();
        Assert.Equal(pdf, await File.ReadAllBytesAsync(path!));
        Assert.Equal("calendrier.pdf", download.SuggestedFilename);
    }

    [Fact]
    public async Task TheToolLibrary_PassesAxe()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/outils");
        await page.AssertNoSeriousViolationsAsync();
        await page.Locator("main .card a").First.ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }
}
