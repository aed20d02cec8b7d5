using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages.Admin;

/// <summary>A section's categories (order, add) and how many first posts of a new member wait for approval.</summary>
[Authorize]
public sealed class CategoriesModel(ForumCategoryEditor editor, ISectionLookup sections) : PageModel
{
    [BindProperty] public CategoryInput Input { get; set; } = new();
    [BindProperty] public int? FirstPostsToModerate { get; set; }
    public SectionInfo Section { get; private set; } = null!;
    public IReadOnlyList<(ForumCategory Category, int Threads)> Categories { get; private set; } = [];
    public bool SetsNetworkRules { get; private set; }

    public async Task<IActionResult> OnGetAsync(int section, CancellationToken ct)
    {
        if (await LoadAsync(section, ct) is { } refused) return refused;
        FirstPostsToModerate = await editor.FirstPostsToModerateAsync(section, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAjouterAsync(int section, CancellationToken ct)
    {
        if (await LoadAsync(section, ct) is { } refused) return refused;
        if (ModelState.IsValid && Report(await editor.AddAsync(User, Section, Input.ToChange(), ct), "Input"))
        {
            this.Say($"Catégorie « {Input.Name!.Trim()} » ajoutée.");
            return LocalRedirect($"{Request.PathBase}/admin/discussions/{section}");
        }
        return await AgainAsync(ct);
    }

    public async Task<IActionResult> OnPostModerationAsync(int section, CancellationToken ct)
    {
        if (await LoadAsync(section, ct) is { } refused) return refused;
        if (FirstPostsToModerate is null) ModelState.AddModelError(nameof(FirstPostsToModerate), "Indiquez un nombre de 0 à 20.");
        else if (ModelState.IsValid && Report(await editor.SetFirstPostsToModerateAsync(User, section, FirstPostsToModerate.Value, ct), null))
        {
            this.Say(FirstPostsToModerate == 0 ? "Les messages des nouveaux membres paraissent désormais sans attendre." : "Réglage de la prémodération enregistré.");
            return LocalRedirect($"{Request.PathBase}/admin/discussions/{section}");
        }
        Categories = await editor.CategoriesAsync(section, ct);
        return Page();
    }

    /// <summary>One place up (<paramref name="sens"/> « haut ») or down.</summary>
    public async Task<IActionResult> OnPostDeplacerAsync(int section, int categorie, string? sens, CancellationToken ct)
    {
        if (await LoadAsync(section, ct) is { } refused) return refused;
        if (await editor.FindAsync(categorie, ct) is not { } category || category.SectionId != section) return NotFound();
        if (sens is not ("haut" or "bas")) return BadRequest();
        await editor.MoveAsync(category, sens == "haut", ct);
        return LocalRedirect($"{Request.PathBase}/admin/discussions/{section}#categorie-{categorie}");
    }

    private async Task<IActionResult> AgainAsync(CancellationToken ct)
    {
        Categories = await editor.CategoriesAsync(Section.Id, ct);
        FirstPostsToModerate = await editor.FirstPostsToModerateAsync(Section.Id, ct);
        return Page();
    }

    /// <summary>Puts a refusal next to its field; true when there was none.</summary>
    private bool Report(CategoryResult result, string? prefix)
    {
        if (result.Succeeded) return true;
        var key = result.Field is null ? string.Empty : prefix is null ? result.Field : $"{prefix}.{result.Field}";
        ModelState.AddModelError(key, result.Refusal!);
        return false;
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await sections.FindAsync(id, ct) is not { } section) return NotFound();
        if (!await editor.CanManageAsync(User, id)) return Forbid();
        Section = section;
        SetsNetworkRules = await editor.SetsNetworkRulesAsync(User);
        if (HttpMethods.IsGet(Request.Method)) Categories = await editor.CategoriesAsync(id, ct);
        return null;
    }
}
