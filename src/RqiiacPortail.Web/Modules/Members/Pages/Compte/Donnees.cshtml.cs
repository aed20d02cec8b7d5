using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

/// <summary>A copy of everything the portal holds about the signed-in member, as one JSON file (Law 25).</summary>
[Authorize]
public sealed class DonneesModel(UserManager<PortalUser> users, MemberPrivacy privacy, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        var file = await privacy.ExportAsync(member, ct);
        Response.Headers.CacheControl = "no-store";
        return File(file, "application/json; charset=utf-8", $"rqiiac-mes-donnees-{Infrastructure.Text.FrenchText.IsoDate(clock.GetUtcNow())}.json");
    }
}
