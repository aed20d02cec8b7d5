using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;

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
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Partager l'outil" }));
    }

    /// <summary>
    /// The files are analysed after the upload: the verification page says so, reloads itself once the analysis
    /// is done and, nothing found, offers the published tool.
    /// </summary>
    public async Task OpenOnceAnalysedAsync()
    {
        // The flash said it after the upload; the page may already have reloaded (the analysis is quick), which drops it.
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Vérification des renseignements personnels");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Voir l'outil" });
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("main .notice--ok[role=status]:not(.flash)")).ToContainTextAsync("l'outil et ses fichiers sont publiés");
        await page.ClickAndWaitForNextPageAsync(link);
    }
}
