using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Admin;

[Authorize]
public sealed class DemandeModel(IAuthorizationService authorization, MembershipService membership, ISectionCatalog catalog) : PageModel
{
    internal MembershipApplication? Application { get; private set; }
    public string RegionName { get; private set; } = "";

    [BindProperty]
    [StringLength(1000, ErrorMessage = "La raison compte au plus 1 000 caractères.")]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostApprouverAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Application!.Status != MembershipStatus.AwaitingApproval) return Conflict409();
        if (!await membership.ApproveAsync(Application, User.FindFirstValue(ClaimTypes.NameIdentifier)!, Request.AbsoluteUrl("compte/connexion"), ct))
            return Conflict409();
        this.Say($"Demande approuvée : {Application.User!.DisplayName} peut maintenant se connecter, un courriel le lui dit.");
        return LocalRedirect(Request.PathBase + "/admin/demandes");
    }

    public async Task<IActionResult> OnPostRefuserAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Application!.Status != MembershipStatus.AwaitingApproval) return Conflict409();
        if (string.IsNullOrWhiteSpace(Reason)) ModelState.AddModelError(nameof(Reason), "Indiquez la raison du refus : elle sera transmise à la personne.");
        if (!ModelState.IsValid) return Page();
        if (!await membership.RefuseAsync(Application, User.FindFirstValue(ClaimTypes.NameIdentifier)!, Reason!.Trim(), ct))
            return Conflict409();
        this.Say($"Demande de {Application.User!.DisplayName} refusée : la raison lui est transmise par courriel.");
        return LocalRedirect(Request.PathBase + "/admin/demandes");
    }

    public static string StatusLabel(MembershipStatus status) => status switch
    {
        MembershipStatus.AwaitingEmail => "Adresse courriel non confirmée",
        MembershipStatus.AwaitingApproval => "En attente de décision",
        MembershipStatus.Approved => "Approuvée",
        MembershipStatus.Refused => "Refusée",
        _ => status.ToString(),
    };

    /// <returns>A result to return at once (404, 403), or null when the page may go on.</returns>
    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        // Looked up across sections, then checked against the application's own region: a coordinator of
        // another region gets 403, not a misleading 404.
        Application = await membership.FindApplicationAsync(id, ct);
        if (Application is null) return NotFound();
        if (!await authorization.CanAsync(User, MembersPermissions.ReviewApplications, Application.SectionId)) return Forbid();
        RegionName = (await catalog.FindAsync(Application.SectionId, ct))?.Name ?? "";
        return null;
    }

    private PageResult Conflict409()
    {
        ModelState.AddModelError(string.Empty, "Cette demande a déjà été traitée.");
        return Page().WithStatus(StatusCodes.Status409Conflict);
    }
}
