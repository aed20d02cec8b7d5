using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using static RqiiacPortail.Web.Modules.Members.MemberAdministration;

namespace RqiiacPortail.Web.Modules.Members.Pages.Admin;

/// <summary>One member's roles and account, for administrators and the coordination of the member's sections (rules: <see cref="MemberAdministration"/>).</summary>
[Authorize]
public sealed class MembreModel(MemberAdministration administration) : PageModel
{
    public sealed class GrantInput
    {
        public int SectionId { get; set; }
        public string Role { get; set; } = "";
    }

    /// <summary>Closing an account on the member's request (Law 25), typed again to rule out a slip.</summary>
    public sealed class ClosingInput
    {
        public string? ConfirmEmail { get; set; }
        public bool WithdrawTools { get; set; }
    }

    [BindProperty] public GrantInput Grant { get; set; } = new();
    [BindProperty] public ClosingInput Closing { get; set; } = new();

    private MemberCase _case = null!;
    internal PortalUser? Member => _case?.Member;
    internal IReadOnlyList<SectionRole> SectionGrants => _case.SectionGrants;
    public IReadOnlyList<string> NationalRoles => _case.NationalRoles;
    public IReadOnlyList<SelectListItem> SectionItems =>
        _case.GrantableSections.Select(s => new SelectListItem($"{s.Code} {s.Name}", s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

    public string SectionName(int id) => _case.Sections.FirstOrDefault(s => s.Id == id)?.Name ?? "?";

    /// <summary>Whether this person may withdraw a role held in that section (the page hides the others' buttons).</summary>
    public bool Manages(int sectionId) => _case.Scope.Covers(sectionId);

    /// <summary>National roles are for administrators to give.</summary>
    public bool ManagesNationalRoles => _case.Scope.IsNational;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await OpenAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAttribuerAsync(string id, CancellationToken ct) =>
        await OpenAsync(id, ct) ?? this.Unless(await administration.GrantAsync(_case, Grant.SectionId, Grant.Role, ct), "Grant") ?? Reload(id);

    public async Task<IActionResult> OnPostRetirerAsync(string id, int grantId, CancellationToken ct) =>
        await OpenAsync(id, ct) ?? (await administration.WithdrawAsync(_case, grantId, ct) is { } decision ? this.Unless(decision) ?? Reload(id) : NotFound());

    public async Task<IActionResult> OnPostNationalAsync(string id, string[] national, CancellationToken ct) =>
        await OpenAsync(id, ct) ?? this.Unless(await administration.SetNationalAsync(_case, national, ct)) ?? Reload(id);

    public async Task<IActionResult> OnPostSupprimerAsync(string id, CancellationToken ct) =>
        await OpenAsync(id, ct)
        ?? this.Unless(await administration.CloseAsync(_case, Closing.ConfirmEmail, new ErasureChoices(Closing.WithdrawTools), ct), "Closing")
        ?? Redirect($"{Request.PathBase}/admin/membres?supprime=true");

    private RedirectResult Reload(string id)
    {
        this.Say("Rôles enregistrés : la personne en est avisée.");
        return Redirect($"{Request.PathBase}/admin/membres/{Uri.EscapeDataString(id)}");
    }

    private async Task<IActionResult?> OpenAsync(string id, CancellationToken ct)
    {
        var (opening, opened) = await administration.OpenAsync(User, id, ct);
        if (opened is not null) _case = opened;
        return opening switch { Opening.NotFound => NotFound(), Opening.Forbidden => Forbid(), _ => null };
    }
}
