using Microsoft.Playwright;

namespace RqiiacPortail.E2E.Pages;

/// <summary>The membership form (« Demande d'adhésion »).</summary>
public sealed class ApplicationPage(IPage page)
{
    public Task OpenAsync(string prefix = "") => page.GotoAsync($"{prefix}/compte/inscription");

    public async Task FillAsync(string firstName, string lastName, string email, string password, string employer, string? region = null)
    {
        await page.GetByLabel("Prénom").FillAsync(firstName);
        await page.GetByLabel(Field("Nom")).FillAsync(lastName);
        await page.GetByLabel("Adresse courriel professionnelle").FillAsync(email);
        await page.GetByLabel(Field("Mot de passe")).FillAsync(password);
        await page.GetByLabel("Confirmer le mot de passe").FillAsync(password);
        await page.GetByLabel("Employeur (CISSS ou CIUSSS)").FillAsync(employer);
        if (region is not null) await page.GetByLabel("Région").SelectOptionAsync(new SelectOptionValue { Label = region });
        await page.GetByLabel("Territoire (RLS, MRC ou quartier)").FillAsync("Joliette");
        await page.GetByLabel("J'ai lu l'avis de confidentialité", new() { Exact = false }).CheckAsync();
    }

    public Task SubmitAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Envoyer ma demande" }).ClickAsync();

    // A label reads « Nom (obligatoire) » when the field is required: match the name, with or without the mark.
    private static System.Text.RegularExpressions.Regex Field(string label) =>
        new($"^{System.Text.RegularExpressions.Regex.Escape(label)}( \\(obligatoire\\))?$");
}
