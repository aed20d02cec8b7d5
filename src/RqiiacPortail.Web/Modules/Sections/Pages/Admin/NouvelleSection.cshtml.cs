using RqiiacPortail.Web.Infrastructure.Web;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections.Pages.Admin;

[Authorize]
public sealed class NouvelleSectionModel(PortalDbContext db, RecipeRunner recipes, ISectionCatalog catalog, IAuthorizationService authorization, ReservedSlugs reserved) : PageModel
{
    public sealed class NewSectionInput
    {
        [Required(ErrorMessage = "Indiquez le nom de la section.")]
        [StringLength(120, ErrorMessage = "Le nom compte au plus 120 caractères.")]
        [SingleLine]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Indiquez le code de région.")]
        [StringLength(8, ErrorMessage = "Le code compte au plus 8 chiffres.")]
        public string Code { get; set; } = "";

        [StringLength(64, ErrorMessage = "L'identifiant compte au plus 64 caractères.")]
        public string? Slug { get; set; }

        [Required(ErrorMessage = "Choisissez une recette.")]
        public string Recipe { get; set; } = RecipeRunner.RegionRecipe;
    }

    [BindProperty] public NewSectionInput Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> Recipes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await AllowedAsync() ? LoadRecipes() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await AllowedAsync()) return Forbid();
        LoadRecipes();
        var slug = string.IsNullOrWhiteSpace(Input.Slug) ? Slug.From(Input.Name) : Input.Slug.Trim();
        if (ModelState.IsValid)
        {
            if (SectionRules.CheckCode(Input.Code.Trim()) is { } codeError) ModelState.AddModelError("Input.Code", codeError);
            if (SectionRules.CheckSlug(slug, reserved) is { } slugError) ModelState.AddModelError("Input.Slug", slugError);
            if (!recipes.SectionRecipes().Any(r => r.FileName == Input.Recipe)) ModelState.AddModelError("Input.Recipe", "Choisissez une recette de la liste.");
            if (await db.Set<Section>().AnyAsync(s => s.Code == Input.Code.Trim(), ct)) ModelState.AddModelError("Input.Code", "Une section porte déjà ce code.");
            if (await db.Set<Section>().AnyAsync(s => s.Slug == slug, ct)) ModelState.AddModelError("Input.Slug", $"L'adresse /{slug}/ est déjà prise.");
        }
        if (!ModelState.IsValid) return Page();

        // The section and everything its recipe sets up are one change: a failing recipe leaves no half-made section.
        var section = await db.InTransactionAsync(async tx =>
        {
            var created = new Section { Code = Input.Code.Trim(), Name = Input.Name.Trim(), Slug = slug };
            db.Add(created);
            await db.SaveChangesAsync(ct);
            try
            {
                await recipes.ApplyFileAsync(Input.Recipe, created.Id, ct);
            }
            catch (RecipeException e)
            {
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                ModelState.AddModelError("Input.Recipe", e.Message);
                return null;
            }
            await tx.CommitAsync(ct);
            return created;
        }, ct);
        if (section is null) return Page();
        catalog.Invalidate();
        this.Say($"Section « {section.Name} » créée.");
        return LocalRedirect($"{Request.PathBase}/admin/sections/{section.Id}");
    }

    private Task<bool> AllowedAsync() => authorization.CanAsync(User, SectionsPermissions.Manage);

    private PageResult LoadRecipes()
    {
        Recipes = recipes.SectionRecipes().Select(r => new SelectListItem(r.DisplayName, r.FileName)).ToList();
        return Page();
    }
}
