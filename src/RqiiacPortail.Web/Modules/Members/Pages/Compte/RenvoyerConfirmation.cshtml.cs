using System.ComponentModel.DataAnnotations;
using RqiiacPortail.Web.Infrastructure.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

/// <summary>A new confirmation link for an application still waiting for it; the answer never says whether one exists.</summary>
[EnableRateLimiting(WebModule.SignInPolicy)]
public sealed class RenvoyerConfirmationModel(MembershipService membership) : PageModel
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
        await membership.ResendConfirmationAsync(Email.Trim(), InscriptionModel.ConfirmUrl(Request), ct);
        Sent = true;
        return Page();
    }
}
