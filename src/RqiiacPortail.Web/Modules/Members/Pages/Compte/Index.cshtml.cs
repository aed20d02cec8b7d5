using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

/// <summary>
/// A member's own account: what others see of them, and where to change the password, get a copy of their data
/// or close the account. The address and the region are not changed here: both go through the coordination.
/// </summary>
[Authorize]
[EnableRateLimiting(WebModule.PostingPolicy)]
public sealed class IndexModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, ISectionCatalog catalog) : PageModel
{
    [BindProperty] public ProfileFields Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "fait")] public string? Done { get; set; }

    public PortalUser Member { get; private set; } = null!;
    public string? RegionName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        Input = new ProfileFields { FirstName = Member.FirstName, LastName = Member.LastName, Employer = Member.Employer ?? "", Territory = Member.Territory };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();

        Member.FirstName = Input.FirstName.Trim();
        Member.LastName = Input.LastName.Trim();
        Member.Employer = Input.Employer.Trim();
        Member.Territory = string.IsNullOrWhiteSpace(Input.Territory) ? null : Input.Territory.Trim();
        var saved = await users.UpdateAsync(Member);
        if (!saved.Succeeded)
        {
            foreach (var error in saved.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        // The name in the layout comes from the cookie: issue a new one.
        await signIn.RefreshSignInAsync(Member);
        return LocalRedirect($"{Request.PathBase}/compte?fait=profil");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        Member = member;
        RegionName = (await catalog.FindAsync(member.HomeSectionId, ct))?.Name;
        return null;
    }
}
