using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

[EnableRateLimiting(WebModule.SignInPolicy)]
public sealed class ReinitialiserModel(UserManager<PortalUser> users, SessionRevocations revocations) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "utilisateur")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe compte de 10 à 200 caractères.")]
    public string Password { get; set; } = "";

    [BindProperty]
    [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
    public string ConfirmPassword { get; set; } = "";

    public bool Done { get; private set; }

    public IActionResult OnGet() => string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Code) ? BadRequest() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = UserId is null ? null : await users.FindByIdAsync(UserId);
        string? token = null;
        try { token = Code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Code)); }
        catch (FormatException) { }

        var result = user is null || token is null
            ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken())
            : await users.ResetPasswordAsync(user, token, Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : string.Empty, e.Description);
            return Page();
        }
        // Whoever else was signed in with the old password is signed out now, not at the next stamp check.
        await revocations.RevokeAsync(user!.Id, HttpContext.RequestAborted);
        Done = true;
        return Page();
    }
}
