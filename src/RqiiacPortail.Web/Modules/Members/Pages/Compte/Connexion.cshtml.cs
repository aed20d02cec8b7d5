using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

[EnableRateLimiting(WebModule.SignInPolicy)]
public sealed class ConnexionModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users) : PageModel
{
    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Indiquez votre adresse courriel.")]
        [EmailAddress(ErrorMessage = "Cette adresse courriel n'est pas valide.")]
        [StringLength(256, ErrorMessage = "L'adresse courriel compte au plus 256 caractères.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre mot de passe.")]
        [StringLength(200, ErrorMessage = "Le mot de passe compte au plus 200 caractères.")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null) return Refuse(Wrong);

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(Request.SafeReturnUrl(ReturnUrl));
        if (result.IsLockedOut) return Refuse("Ce compte est temporairement verrouillé après plusieurs tentatives. Réessayez dans 15 minutes.");
        if (result.IsNotAllowed)
        {
            // Say why only to someone who knows the password: otherwise don't reveal that the account exists.
            if (!await users.CheckPasswordAsync(user, Input.Password))
            {
                await users.AccessFailedAsync(user);
                return Refuse(Wrong);
            }
            return Refuse(user.Status switch
            {
                MembershipStatus.AwaitingEmail => "Confirmez d'abord votre adresse courriel : le lien vous a été envoyé par courriel.",
                MembershipStatus.AwaitingApproval => "Votre demande d'adhésion attend l'approbation de la coordination de votre région. Vous recevrez un courriel dès qu'elle sera traitée.",
                MembershipStatus.Refused => "Votre demande d'adhésion n'a pas été approuvée. Écrivez à la coordination de votre région pour en savoir plus.",
                _ => Wrong,
            });
        }
        return Refuse(Wrong);
    }

    private const string Wrong = "Adresse courriel ou mot de passe incorrect.";

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }
}
