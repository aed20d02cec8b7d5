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
        return LocalRedirect(Request.PathBase + "/");
    }
}
