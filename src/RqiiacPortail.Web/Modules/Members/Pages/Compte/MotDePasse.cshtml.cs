using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

/// <summary>Changing the password needs the current one; other sessions are signed out (new security stamp).</summary>
[Authorize]
[EnableRateLimiting(WebModule.PostingPolicy)]
public sealed class MotDePasseModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, SessionRevocations revocations) : PageModel
{
    [BindProperty] public PasswordInput Input { get; set; } = new();

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Indiquez votre mot de passe actuel.")]
        [StringLength(200, ErrorMessage = "Le mot de passe compte au plus 200 caractères.")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Choisissez un nouveau mot de passe.")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe compte de 10 à 200 caractères.")]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le nouveau mot de passe.")]
        [Compare(nameof(New), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
        public string Confirm { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        if (!ModelState.IsValid) return Page();

        var changed = await users.ChangePasswordAsync(member, Input.Current, Input.New);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.Current" : "Input.New", error.Description);
            return Page();
        }
        await revocations.RevokeAsync(member.Id, HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(member);
        return LocalRedirect($"{Request.PathBase}/compte?fait=mot-de-passe");
    }
}
