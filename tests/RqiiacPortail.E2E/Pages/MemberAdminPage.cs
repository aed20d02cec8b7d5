using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;

namespace RqiiacPortail.E2E.Pages;

/// <summary>An administrator's page for one member (« Membres et rôles »).</summary>
public sealed class MemberAdminPage(IPage page)
{
    public async Task OpenAsync(string email)
    {
        await page.GotoAsync($"/admin/membres?q={Uri.EscapeDataString(email)}");
        await page.Locator("main table a").First.ClickAsync();
    }

    public async Task GrantAsync(string section, string roleLabel)
    {
        await page.GetByLabel("Section").SelectOptionAsync(new SelectOptionValue { Label = section });
        await page.GetByLabel(Field("Rôle")).SelectOptionAsync(new SelectOptionValue { Label = roleLabel });
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Attribuer le rôle" }));
    }

    // A label reads « Nom (obligatoire) » when the field is required: match the name, with or without the mark.
    private static System.Text.RegularExpressions.Regex Field(string label) =>
        new($"^{System.Text.RegularExpressions.Regex.Escape(label)}( \\(obligatoire\\))?$");
}
