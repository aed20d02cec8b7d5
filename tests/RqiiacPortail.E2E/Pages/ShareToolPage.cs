using Microsoft.Playwright;

namespace RqiiacPortail.E2E.Pages;

/// <summary>« Partager un outil ».</summary>
public sealed class ShareToolPage(IPage page)
{
    public Task OpenAsync(string prefix = "") => page.GotoAsync($"{prefix}/outils/nouveau");

    public async Task ShareAsync(string title, string summary, string fileName, byte[] content, string approach)
    {
        await page.GetByLabel("Titre").FillAsync(title);
        await page.GetByLabel("Résumé (Markdown)").FillAsync(summary);
        await page.GetByLabel("Fichiers").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content });
        await page.GetByLabel(approach, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Tout le monde (public)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Partager l'outil" }).ClickAsync();
        await page.WaitForLoadStateAsync();
    }
}
