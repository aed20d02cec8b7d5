using System.ComponentModel.DataAnnotations;
using RqiiacPortail.Web.Infrastructure.Text;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

[EnableRateLimiting(WebModule.SignInPolicy)]
public sealed class MotDePasseOublieModel(MembershipService membership) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Indiquez votre adresse courriel.")]
    [MailAddress]
    [StringLength(256, ErrorMessage = "L'adresse courriel compte au plus 256 caractères.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();

        // Same answer whether or not the account exists: the form must not tell who is a member.
        await membership.SendPasswordResetAsync(Email, (id, token) => Request.AbsoluteUrl($"compte/reinitialiser?utilisateur={Uri.EscapeDataString(id)}&code={token}"), ct);
        Sent = true;
        return Page();
    }
}
