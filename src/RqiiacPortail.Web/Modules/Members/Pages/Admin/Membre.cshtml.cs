using RqiiacPortail.Web.Infrastructure.Web;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Admin;

[Authorize]
public sealed class MembreModel(
    UserManager<PortalUser> users,
    RoleGrants grants,
    RoleScope scope,
    ISectionCatalog catalog,
    MemberPrivacy privacy) : PageModel
{
    public sealed class GrantInput
    {
        public int SectionId { get; set; }
        public string Role { get; set; } = "";
    }

    internal PortalUser? Member { get; private set; }
    internal IReadOnlyList<SectionRole> SectionGrants { get; private set; } = [];
    public IReadOnlyList<string> NationalRoles { get; private set; } = [];
    public IReadOnlyList<SelectListItem> SectionItems { get; private set; } = [];
    private IReadOnlyList<SectionInfo> _sections = [];

    [BindProperty] public GrantInput Grant { get; set; } = new();

    /// <summary>Closing an account on the member's request (Law 25), typed again to rule out a slip.</summary>
    public sealed class ClosingInput
    {
        public string? ConfirmEmail { get; set; }
        public bool WithdrawTools { get; set; }
    }

    [BindProperty] public ClosingInput Closing { get; set; } = new();

    public string SectionName(int id) => _sections.FirstOrDefault(s => s.Id == id)?.Name ?? "?";

    /// <summary>Whether this person may withdraw a role held in that section (the page hides the others' buttons).</summary>
    public bool Manages(int sectionId) => scope.Covers(sectionId);

    /// <summary>National roles are for administrators to give.</summary>
    public bool ManagesNationalRoles => scope.IsNational;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAttribuerAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!_sections.Any(s => s.Id == Grant.SectionId && !s.IsNational && scope.Covers(s.Id))) ModelState.AddModelError("Grant.SectionId", "Choisissez une section de la liste.");
        if (!Roles.SectionRoles.Contains(Grant.Role)) ModelState.AddModelError("Grant.Role", "Choisissez un rôle de la liste.");
        if (!ModelState.IsValid) return Page();

        await grants.GrantAsync(Member!, Grant.SectionId, Grant.Role, ct);
        return Reload(id);
    }

    public async Task<IActionResult> OnPostRetirerAsync(string id, int grantId, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        var grant = SectionGrants.FirstOrDefault(g => g.Id == grantId);
        if (grant is null) return NotFound();
        if (!scope.Covers(grant.SectionId)) return Forbid();
        await grants.WithdrawAsync(Member!, grant, ct);
        return Reload(id);
    }

    public async Task<IActionResult> OnPostNationalAsync(string id, string[] national, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!scope.IsNational) return Forbid();
        if (national.Any(r => !Roles.NationalRoles.Contains(r))) { ModelState.AddModelError(string.Empty, "Rôle national inconnu."); return Page(); }
        var self = User.FindFirstValue(ClaimTypes.NameIdentifier) == Member!.Id;
        if (self && !national.Contains(Roles.Administrator))
        {
            // Keeps the site from being left with nobody able to administer it by a slip of the mouse.
            ModelState.AddModelError(string.Empty, "Vous ne pouvez pas retirer votre propre rôle d'administration.");
            return Page();
        }
        await grants.SetNationalAsync(Member, national, ct);
        return Reload(id);
    }

    public async Task<IActionResult> OnPostSupprimerAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!scope.IsNational) return Forbid();
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) == Member!.Id)
            ModelState.AddModelError("Closing.ConfirmEmail", "Pour supprimer votre propre compte, passez par « Mon compte ».");
        else if (!string.Equals(Closing.ConfirmEmail?.Trim(), Member.Email, StringComparison.OrdinalIgnoreCase))
            ModelState.AddModelError("Closing.ConfirmEmail", "Recopiez l'adresse courriel du compte pour confirmer la suppression.");
        else if (await privacy.IsLastAdministratorAsync(Member))
            ModelState.AddModelError("Closing.ConfirmEmail", "C'est la seule personne à administrer le portail : confiez d'abord ce rôle à quelqu'un d'autre.");
        if (!ModelState.IsValid) return Page();

        var closed = await privacy.CloseAccountAsync(Member, new Infrastructure.Privacy.ErasureChoices(Closing.WithdrawTools), ct);
        if (!closed.Succeeded)
        {
            foreach (var error in closed.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        return Redirect($"{Request.PathBase}/admin/membres?supprime=true");
    }

    private RedirectResult Reload(string id)
    {
        this.Say("Rôles enregistrés : la personne en est avisée.");
        return Redirect($"{Request.PathBase}/admin/membres/{Uri.EscapeDataString(id)}");
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        if (!(await scope.ForAsync(User, ct)).Any) return Forbid();
        Member = await users.FindByIdAsync(id);
        if (Member is null) return NotFound();
        if (!scope.IsNational && !await scope.Members().AnyAsync(u => u.Id == id, ct)) return Forbid();
        SectionGrants = await grants.InSectionsAsync(id, ct);
        NationalRoles = (await users.GetRolesAsync(Member)).ToList();
        _sections = await catalog.GetAllAsync(ct);
        SectionItems = _sections.Where(s => !s.IsNational && scope.Covers(s.Id)).Select(s => new SelectListItem($"{s.Code} {s.Name}", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return null;
    }
}
