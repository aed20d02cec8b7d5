using Microsoft.Playwright;

namespace RqiiacPortail.E2E.Pages;

public sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string email, string password, string prefix = "")
    {
        await page.GotoAsync($"{prefix}/compte/connexion");
        await page.GetByLabel("Adresse courriel").FillAsync(email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
