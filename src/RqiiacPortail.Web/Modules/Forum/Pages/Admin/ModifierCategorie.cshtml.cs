using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages.Admin;

/// <summary>One category's name, description and access (and, for administrators, pseudonyms and board-only posting); removal when empty.</summary>
[Authorize]
public sealed class ModifierCategorieModel(ForumCategoryEditor editor, ISectionLookup sections) : PageModel
{
    [BindProperty] public CategoryInput Input { get; set; } = new();
    public ForumCategory Category { get; private set; } = null!;
    public SectionInfo Section { get; private set; } = null!;
    public bool SetsNetworkRules { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input = CategoryInput.Of(Category);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();
        var result = await editor.UpdateAsync(User, Category, Input.ToChange(), ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(result.Field is null ? string.Empty : $"Input.{result.Field}", result.Refusal!);
            return Page();
        }
        this.Say($"Catégorie « {Category.Name} » enregistrée.");
        return LocalRedirect($"{Request.PathBase}/admin/discussions/{Category.SectionId}");
    }

    public async Task<IActionResult> OnPostRetirerAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var result = await editor.RemoveAsync(User, Category, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Refusal!);
            Input = CategoryInput.Of(Category);
            return Page();
        }
        this.Say($"Catégorie « {Category.Name} » retirée.");
        return LocalRedirect($"{Request.PathBase}/admin/discussions/{Category.SectionId}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await editor.FindAsync(id, ct) is not { } category || await sections.FindAsync(category.SectionId, ct) is not { } section) return NotFound();
        if (!await editor.CanManageAsync(User, category.SectionId)) return Forbid();
        (Category, Section) = (category, section);
        SetsNetworkRules = await editor.SetsNetworkRulesAsync(User);
        return null;
    }
}
