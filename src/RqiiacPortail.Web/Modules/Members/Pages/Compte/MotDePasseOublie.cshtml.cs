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
public sealed class MotDePasseOublieModel(UserManager<PortalUser> users, IMailOutbox mail, PortalDbContext db) : PageModel
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
        var user = await users.FindByEmailAsync(Email);
        if (user is { EmailConfirmed: true })
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            mail.Enqueue(new MailDraft(user.Email!, user.DisplayName, "Nouveau mot de passe pour le portail RQIIAC",
                new MailBody("Choisir un nouveau mot de passe")
                    .Paragraph($"Bonjour {user.FirstName},")
                    .Paragraph("Quelqu'un (vous, sans doute) a demandé à changer le mot de passe de votre compte. Le lien ci-dessous est valide une journée.")
                    .Action("Choisir un nouveau mot de passe", Request.AbsoluteUrl($"compte/reinitialiser?utilisateur={Uri.EscapeDataString(user.Id)}&code={token}"))
                    .Paragraph("Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste le même.")
                    .Render(), Lane: MailLane.Urgent));
            await db.SaveChangesAsync(ct);
        }
        Sent = true;
        return Page();
    }
}
