using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Security.Claims;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

/// <summary>
/// Signing out is a POST (with antiforgery), so a link on another site cannot sign someone out. It ends the session
/// on the server too: a copy of the cookie opens nothing after. « Partout » ends every session of the account.
/// </summary>
public sealed class DeconnexionModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, MemberSessions sessions) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (current.Properties?.Items.TryGetValue(MemberSessions.PropertyKey, out var session) == true && session is not null
            && current.Principal?.FindFirstValue(System.Security.Claims.ClaimTypes.NameIdentifier) is { } member)
            await sessions.EndAsync(session, member, ct);
        return await SignOutAsync();
    }

    public async Task<IActionResult> OnPostPartoutAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is { } member)
        {
            await sessions.EndAllAsync(member.Id, ct);
            // A new stamp: whatever cookie escaped the marks fails Identity's own check too.
            await users.UpdateSecurityStampAsync(member);
        }
        this.Say("Vous êtes déconnecté·e de tous vos appareils.");
        return await SignOutAsync();
    }

    private async Task<IActionResult> SignOutAsync()
    {
        await signIn.SignOutAsync();
        // Cookies once written under a section's prefix (before they all held for « / ») go too.
        if (Request.PathBase.HasValue)
            Response.Cookies.Delete(MembersModule.SessionCookie, new CookieOptions { Path = Request.PathBase });
        return LocalRedirect(Request.PathBase + "/");
    }
}
