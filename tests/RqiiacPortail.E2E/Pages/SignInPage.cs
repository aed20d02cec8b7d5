using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;

namespace RqiiacPortail.E2E.Pages;

public sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string email, string password, string prefix = "")
    {
        await page.GotoAsync($"{prefix}/compte/connexion");
        await page.GetByLabel("Adresse courriel").FillAsync(email);
        await page.GetByLabel(Field("Mot de passe")).FillAsync(password);
        // Checking a password is the slowest step of a page on purpose (PBKDF2): on a loaded 2-core machine, late in
        // a full run, its answer once took longer than the usual 15 s.
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }), 30_000);
    }

    // A label reads « Nom (obligatoire) » when the field is required: match the name, with or without the mark.
    private static System.Text.RegularExpressions.Regex Field(string label) =>
        new($"^{System.Text.RegularExpressions.Regex.Escape(label)}( \\(obligatoire\\))?$");
}
