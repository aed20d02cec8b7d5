using RqiiacPortail.Web.Infrastructure.Text;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections.Pages.Admin;

/// <summary>Administrators edit everything; a section's coordination edits its presentation only.</summary>
[Authorize]
public sealed class SectionModel(SectionEditor sections, IEnumerable<SectionFeature> features) : PageModel
{
    public sealed class SettingsInput
    {
        [StringLength(120, ErrorMessage = "Le nom compte au plus 120 caractères.")]
        [SingleLine]
        public string? Name { get; set; }

        [StringLength(2000, ErrorMessage = "La liste des noms d'hôte compte au plus 2 000 caractères.")]
        public string? HostNames { get; set; }

        [StringLength(8000, ErrorMessage = "La présentation compte au plus 8 000 caractères.")]
        [Markdown]
        public string? Description { get; set; }

        [Required(ErrorMessage = "Indiquez une couleur.")]
        public string? AccentColor { get; set; }

        public List<string> Modules { get; set; } = [];
        public bool Active { get; set; }
    }

    [BindProperty] public SettingsInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "enregistre")] public bool Saved { get; set; }
    public string Name { get; private set; } = "";
    public bool IsNational { get; private set; }
    public bool CanManage => _reach == SectionEditor.Reach.Everything;
    private SectionEditor.Reach _reach;
    public IReadOnlyList<SectionFeature> Features { get; } = features.ToList();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var section = await LoadAsync(id, ct);
        if (section is null) return NotFound();
        if (!await AllowedAsync(id)) return Forbid();
        Input = new SettingsInput
        {
            Name = section.Name, Description = section.Description, AccentColor = section.AccentColor,
            HostNames = string.Join('\n', section.HostNames), Modules = section.EnabledModules.ToList(), Active = section.IsActive,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var section = await LoadAsync(id, ct);
        if (section is null) return NotFound();
        if (!await AllowedAsync(id)) return Forbid();
        var change = new SectionEditor.SettingsChange(Input.Name, Input.HostNames, Input.Description, Input.AccentColor, Input.Modules, Input.Active);
        // Every reason at once: the form's lengths and the section's rules.
        ModelState.AddRefusals(sections.Check(change, _reach), nameof(Input));
        if (!ModelState.IsValid) return Page();
        await sections.ChangeAsync(section, change, _reach, ct);
        return LocalRedirect($"{Request.PathBase}/admin/sections/{id}?enregistre=true");
    }

    private async Task<Section?> LoadAsync(int id, CancellationToken ct)
    {
        var section = await sections.FindAsync(id, ct);
        if (section is not null) { Name = section.Name; IsNational = section.IsNational; }
        return section;
    }

    private async Task<bool> AllowedAsync(int id)
    {
        _reach = await sections.ReachAsync(User, id);
        return _reach != SectionEditor.Reach.None;
    }
}
