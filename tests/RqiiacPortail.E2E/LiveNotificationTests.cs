using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.E2E;

public sealed class LiveNotificationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnAdministratorsAction_UpdatesTheMembersBellAndList_WithoutAReload()
    {
        var member = await browser.Portal.CreateMemberAsync("lanaudiere");
        var admin = await browser.Portal.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]);

        var memberPage = await browser.NewPageAsync();
        await new SignInPage(memberPage).SignInAsync(member.Email, member.Password);
        await memberPage.GotoAsync("/notifications");
        await Assertions.Expect(memberPage.Locator("html[data-notifications-live=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(memberPage.Locator("[data-unread-count]")).ToHaveTextAsync("0");
        await memberPage.EvaluateAsync("window.__sameDocument = true");

        var adminPage = await browser.NewPageAsync();
        await new SignInPage(adminPage).SignInAsync(admin.Email, admin.Password);
        var memberAdmin = new MemberAdminPage(adminPage);
        await memberAdmin.OpenAsync(member.Email);
        await memberAdmin.GrantAsync("14 Lanaudière", "Modération");

        await Assertions.Expect(memberPage.Locator("[data-unread-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(memberPage.Locator("[data-notification-list] li").First)
            .ToContainTextAsync("Vous avez maintenant le rôle « Modération » dans la section Lanaudière.");
        Assert.True(await memberPage.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        await memberPage.AssertNoSeriousViolationsAsync();
    }
}
