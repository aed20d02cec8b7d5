using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

/// <summary>Signing out is a POST (with antiforgery), so a link on another site cannot sign someone out.</summary>
public sealed class DeconnexionModel(SignInManager<PortalUser> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        // Cookies once written under a section's prefix (before they all held for « / ») go too.
        if (Request.PathBase.HasValue)
            Response.Cookies.Delete(MembersModule.SessionCookie, new CookieOptions { Path = Request.PathBase });
        return LocalRedirect(Request.PathBase + "/");
    }
}
