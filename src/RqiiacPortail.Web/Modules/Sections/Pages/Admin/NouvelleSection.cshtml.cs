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
public sealed class NouvelleSectionModel(SectionEditor sections, RecipeRunner recipes, IAuthorizationService authorization) : PageModel
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
        if (!ModelState.IsValid) return Page();

        var outcome = await sections.CreateAsync(Input.Code.Trim(), Input.Name.Trim(), slug, Input.Recipe, ct);
        if (outcome.Created is not { } section)
        {
            ModelState.AddModelError($"Input.{outcome.Field}", outcome.Refusal!);
            return Page();
        }
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
