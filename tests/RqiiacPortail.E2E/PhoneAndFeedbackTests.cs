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
        await AssertFieldsAlikeAsync(page, path);
    }

    /// <summary>Every box one types in or chooses from fills its field, with the same border and padding (none left at the browser's default).</summary>
    private static async Task AssertFieldsAlikeAsync(IPage page, string path)
    {
        var odd = await page.EvaluateAsync<string[]>("""
            () => {
              const boxes = [...document.querySelectorAll('.field input, .field select, .field textarea')]
                .filter(e => e.offsetParent !== null && !['hidden', 'checkbox', 'radio', 'file', 'color', 'submit'].includes(e.type) && !e.closest('.own-pseudonym__name'));
              return boxes.map(e => {
                const s = getComputedStyle(e), field = e.closest('.field').getBoundingClientRect().width, box = e.getBoundingClientRect().width;
                const look = `${s.borderTopWidth} ${s.borderTopStyle} ${s.paddingLeft}`;
                return box < field * 0.9 || look !== '1px solid 9.6px' ? `${e.id || e.name}: ${Math.round(box)} of ${Math.round(field)} px, ${look}` : null;
              }).filter(x => x);
            }
            """);
        Assert.True(odd.Length == 0, $"{path}: fields unlike the others: {string.Join("; ", odd)}");
    }

    [Fact]
    public async Task EveryMainPage_FitsAPhoneWithoutScrollingSideways()
    {
        var visitor = await browser.NewPageAsync(Phone);
        await visitor.GotoAsync("/outils");
        var tool = await visitor.Locator("main .card a").First.GetAttributeAsync("href");
        foreach (var path in new[] { "/", "/regions", "/outils", tool!, "/lanaudiere/", "/recherche?q=concertation", "/compte/connexion", "/compte/inscription",
                     "/forum", "/forum/pratiques-et-outils", "/forum/sujets/2", "/forum/sujets/2?p=3", "/bulletin", "/bulletin/41" })
            await AssertFitsAsync(visitor, path);

        var admin = await browser.Portal.CreateMemberAsync("lanaudiere", [("lanaudiere", Roles.Coordinator)], [Roles.Administrator]);
        var signedIn = await browser.NewPageAsync(Phone);
        await new SignInPage(signedIn).SignInAsync(admin.Email, admin.Password);
        foreach (var path in new[] { tool!, "/outils/nouveau", "/notifications", "/notifications/preferences", "/membres", "/compte", "/admin",
                     "/admin/demandes", "/admin/membres", "/admin/sections", "/admin/taxonomie", "/admin/recherche", "/admin/annonces",
                     "/forum/sujets/2", "/forum/pratiques-et-outils/nouveau", "/forum/ethique-et-dilemmes/nouveau", "/admin/moderation", "/admin/journal",
                     "/admin/discussions", "/admin/courriels" })
            await AssertFitsAsync(signedIn, path);
        // A section's categories (a table) and one category's form.
        var lanaudiere = (await browser.Portal.SectionAsync("lanaudiere")).Id;
        await AssertFitsAsync(signedIn, $"/admin/discussions/{lanaudiere}");
        await AssertFitsAsync(signedIn, (await signedIn.Locator("main table a").First.GetAttributeAsync("href"))!);
    }

    [Fact]
    public async Task ARefusedForm_PutsTheFocusOnItsListOfErrors_WhichLinksToTheField()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/compte/inscription");
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande" }));

        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await page.Locator(".error-summary a[href='#Input_FirstName']").ClickAsync();
        await Assertions.Expect(page.Locator("#Input_FirstName")).ToBeFocusedAsync();
        await page.AssertNoSeriousViolationsAsync();

        // The field's own message goes once it is corrected; the others stay until theirs are.
        var message = page.Locator("[data-valmsg-for='Input.FirstName']");
        await Assertions.Expect(message).Not.ToBeEmptyAsync();
        await page.Locator("#Input_FirstName").FillAsync("Josée");
        await Assertions.Expect(message).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#Input_FirstName")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.LastName']")).Not.ToBeEmptyAsync();
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
        await share.OpenOnceAnalysedAsync();

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

    [Fact]
    public async Task OnAPhone_TheLibrarysFiltersFoldIntoOnePanel_AndTheSortAppliesOnChoosing()
    {
        var phone = await browser.NewPageAsync(Phone);
        await phone.GotoAsync("/outils");
        var filters = phone.Locator("details.filters");
        var toggle = filters.Locator("summary");
        await Assertions.Expect(toggle).ToHaveTextAsync("Filtrer");
        await Assertions.Expect(filters).Not.ToHaveAttributeAsync("open", "");
        await Assertions.Expect(phone.Locator("main a.facet").First).Not.ToBeVisibleAsync();

        await toggle.ClickAsync();
        await phone.Locator("ul[aria-labelledby='facette-approche'] a.facet").First.ClickAsync();
        await Assertions.Expect(toggle).ToHaveTextAsync("Filtrer (1)");
        await Assertions.Expect(phone.Locator("main ul.chips a.chip")).ToHaveCountAsync(1);
        // The chips and the folded panel fit the phone's width too.
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= Phone, "the filtered library scrolls sideways");
        // The results come first again; the chosen filter is one tap away from being taken back.
        await Assertions.Expect(filters).Not.ToHaveAttributeAsync("open", "");

        await Assertions.Expect(phone.Locator("form.sort button")).ToBeHiddenAsync();
        // Choosing is what submits: the navigation is awaited from the moment of the choice (a busy machine can
        // take a while to answer, so the wait is generous and only up to the new page's first bytes).
        var sorted = phone.WaitForURLAsync(url => url.Contains("tri=titre") && url.Contains("approche="), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await phone.Locator("#tri").SelectOptionAsync("titre");
        await sorted;
        // The new document read whole, polled rather than awaited as an event (one that fired before the wait began is missed).
        await phone.WaitForFunctionAsync("document.readyState !== 'loading' && location.search.includes('tri=titre')", null, new() { Timeout = 30_000 });
        var titles = await phone.Locator("main .card h3").AllTextContentsAsync();
        Assert.Equal(titles.Order(RqiiacPortail.Web.Infrastructure.Text.FrenchText.Comparer).ToList(), titles.ToList());
        await phone.AssertNoSeriousViolationsAsync();

        // On a wide screen the same panel is simply open, without its button.
        var wide = await browser.NewPageAsync();
        await wide.GotoAsync("/outils");
        await Assertions.Expect(wide.Locator("details.filters summary")).ToBeHiddenAsync();
        await Assertions.Expect(wide.Locator("main a.facet").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheKeyboardFocusRing_KeepsThreeToOneAgainstWhite()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/outils");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        var ring = await page.EvaluateAsync<string[]>(
            "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineColor]; }");
        var (style, color) = (ring[0], ring[1]);
        Assert.Equal("solid", style);
        var rgb = System.Text.RegularExpressions.Regex.Matches(color, @"\d+").Take(3).Select(m => int.Parse(m.Value) / 255.0)
            .Select(c => c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4)).ToArray();
        var luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        Assert.True((1.05) / (luminance + 0.05) >= 3, $"focus outline {color} against white");
    }

    [Fact]
    public async Task TheSectionColourPicker_PreviewsTheColourAsItChanges()
    {
        var admin = await browser.Portal.CreateMemberAsync("lanaudiere", [], [Roles.Administrator]);
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(admin.Email, admin.Password);
        await page.GotoAsync("/admin/sections");
        await page.Locator("main a[href^='/admin/sections/']:not([href$='nouvelle'])").First.ClickAsync();
        // The click returns before the next page has loaded its style sheet: the check below retries until it has.
        await page.Locator("input[type=color][data-accent-preview]").FillAsync("#2b5f1e");
        await Assertions.Expect(page.Locator("#apercu-accent")).ToHaveCSSAsync("background-color", "rgb(43, 95, 30)");
    }
}
