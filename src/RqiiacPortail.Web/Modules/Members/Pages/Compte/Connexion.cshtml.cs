using System.ComponentModel.DataAnnotations;
using RqiiacPortail.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

[EnableRateLimiting(WebModule.SignInPolicy)]
public sealed class ConnexionModel(SignInManager<PortalUser> signIn, UserManager<PortalUser> users, SignInThrottle throttle, MemberSessions sessions) : PageModel
{
    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Indiquez votre adresse courriel.")]
        [MailAddress]
        [StringLength(256, ErrorMessage = "L'adresse courriel compte au plus 256 caractères.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre mot de passe.")]
        [StringLength(200, ErrorMessage = "Le mot de passe compte au plus 200 caractères.")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();

        // Unknown address and wrong password take the same time and get the same words; the lockout counts
        // this address from this client only (SignInThrottle), for accounts and non-accounts alike.
        var client = HttpContext.Connection.RemoteIpAddress?.ToString();
        var user = await users.FindByEmailAsync(Input.Email);
        if (await throttle.IsLockedAsync(Input.Email, client, user?.SecurityStamp, ct)) return Refuse(Locked);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(Nobody, NobodysHash(users), Input.Password);
            await throttle.FailedAsync(Input.Email, client, null, ct);
            return Refuse(Wrong);
        }
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            await throttle.FailedAsync(Input.Email, client, user.SecurityStamp, ct);
            return Refuse(Wrong);
        }

        // Past this point the person knows the password: telling them why they cannot come in reveals nothing.
        if (await users.IsLockedOutAsync(user)) return Refuse(Locked);
        if (!await signIn.CanSignInAsync(user))
            return Refuse(user.Status switch
            {
                MembershipStatus.AwaitingEmail => "Confirmez d'abord votre adresse courriel : le lien vous a été envoyé par courriel (vous pouvez vous le faire renvoyer depuis « Renvoyer le courriel de confirmation »).",
                MembershipStatus.AwaitingApproval => "Votre demande d'adhésion attend l'approbation de la coordination de votre région. Vous recevrez un courriel dès qu'elle sera traitée.",
                MembershipStatus.Refused => "Votre demande d'adhésion n'a pas été approuvée. Écrivez à la coordination de votre région pour en savoir plus.",
                _ => Wrong,
            });
        await throttle.SucceededAsync(Input.Email, client, user.SecurityStamp, ct);
        // The session's id rides in the cookie's properties, which every refresh of the cookie keeps.
        var session = await sessions.StartAsync(user.Id, ct);
        await signIn.SignInAsync(user, new Microsoft.AspNetCore.Authentication.AuthenticationProperties(
            new Dictionary<string, string?> { [MemberSessions.PropertyKey] = session }) { IsPersistent = Input.RememberMe });
        return LocalRedirect(Request.SafeReturnUrl(ReturnUrl));
    }

    private static readonly PortalUser Nobody = new() { FirstName = "", LastName = "" };
    private static string? _nobodysHash;

    // A real hash from the same hasher, so that checking a password against it costs what a real check does.
    private static string NobodysHash(UserManager<PortalUser> users) =>
        _nobodysHash ??= users.PasswordHasher.HashPassword(Nobody, Guid.NewGuid().ToString());

    private const string Locked = "Trop de tentatives de connexion pour cette adresse. Réessayez dans 15 minutes, ou choisissez un nouveau mot de passe avec « Mot de passe oublié ».";

    private const string Wrong = "Adresse courriel ou mot de passe incorrect.";

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }
}
