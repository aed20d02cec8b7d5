using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Privacy;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

/// <summary>Closing one's own account (Law 25): confirmed by the password, then everything goes in one transaction.</summary>
[Authorize]
[EnableRateLimiting(WebModule.PostingPolicy)]
public sealed class SupprimerModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, MemberPrivacy privacy) : PageModel
{
    [BindProperty] public DeletionInput Input { get; set; } = new();

    public sealed class DeletionInput
    {
        [Required(ErrorMessage = "Indiquez votre mot de passe pour confirmer.")]
        [StringLength(200, ErrorMessage = "Le mot de passe compte au plus 200 caractères.")]
        public string Password { get; set; } = "";

        [Range(typeof(bool), "true", "true", ErrorMessage = "Cochez cette case pour confirmer la suppression.")]
        public bool Understood { get; set; }

        public bool WithdrawTools { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } member) return Challenge();
        if (ModelState.IsValid)
        {
            // Counted like a failed sign-in, so that a borrowed session cannot guess the password at leisure.
            var check = await signIn.CheckPasswordSignInAsync(member, Input.Password, lockoutOnFailure: true);
            if (check.IsLockedOut) ModelState.AddModelError("Input.Password", "Trop d'essais : le compte est bloqué quelques minutes.");
            else if (!check.Succeeded) ModelState.AddModelError("Input.Password", "Mot de passe incorrect.");
        }
        if (ModelState.IsValid && await privacy.IsLastAdministratorAsync(member))
            ModelState.AddModelError(string.Empty, "Vous êtes la seule personne à administrer le portail : confiez d'abord ce rôle à quelqu'un d'autre.");
        if (!ModelState.IsValid) return Page();

        var closed = await privacy.CloseAccountAsync(member, new ErasureChoices(Input.WithdrawTools), ct);
        if (!closed.Succeeded)
        {
            foreach (var error in closed.Errors) ModelState.AddModelError(string.Empty, error.Description);
            return Page();
        }
        await signIn.SignOutAsync();
        return LocalRedirect($"{Request.PathBase}/compte/supprime");
    }
}
