using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;

namespace RqiiacPortail.E2E.Pages;

/// <summary>A category's « new thread » form and a thread's reply form, as a member fills them.</summary>
public sealed class ForumPages(IPage page)
{
    public async Task<string> StartThreadAsync(string category, string title, string body, string prefix = "")
    {
        await page.GotoAsync($"{prefix}/forum/{category}/nouveau");
        // « Titre (obligatoire) »: the title alone, not « Titre » inside another label.
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Titre( \\(obligatoire\\))?$")).FillAsync(title);
        await page.GetByLabel("Votre message").FillAsync(body);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier le sujet" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/forum/sujets/\\d+"));
        return new Uri(page.Url).AbsolutePath;
    }

    public async Task ReplyAsync(string body)
    {
        await page.GetByLabel("Votre message").FillAsync(body);
        await page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Publier la réponse" }));
    }
}
