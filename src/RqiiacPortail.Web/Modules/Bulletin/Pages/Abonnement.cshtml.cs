using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>
/// Subscribing to the bulletin. The public gives an address and gets a confirmation link (the same answer whatever
/// the address); a signed-in member subscribes the address of their account, already confirmed.
/// </summary>
[EnableRateLimiting(BulletinModule.PostingPolicy)]
public sealed class AbonnementModel(BulletinSubscriptions subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "courriel")]
    [Required(ErrorMessage = "Indiquez votre adresse courriel.")]
    [MailAddress]
    [StringLength(BulletinSubscriber.EmailLength, ErrorMessage = "L'adresse courriel compte au plus 320 caractères.")]
    public string Email { get; set; } = "";

    public bool Sent { get; private set; }
    public MemberSubscription? Member { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear(); // an address carried from the home page's box is a suggestion, not yet a request
        if (User.Identity?.IsAuthenticated == true && User.FindFirstValue(ClaimTypes.Email) is { } email)
            Member = await subscriptions.OfMemberAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, email, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        await subscriptions.RequestAsync(Email, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        Sent = true;
        return Page();
    }

    /// <summary>A member's own subscription, from this page or from their preferences (<c>retour</c>).</summary>
    public async Task<IActionResult> OnPostMembreAsync(bool abonner, string? retour, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        var (id, email) = (User.FindFirstValue(ClaimTypes.NameIdentifier)!, User.FindFirstValue(ClaimTypes.Email));
        if (email is null) return Forbid();
        if (abonner) await subscriptions.SubscribeMemberAsync(id, email, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        else await subscriptions.StopMemberAsync(id, email, ct);
        this.Say(abonner ? "Vous êtes abonné au bulletin : il arrivera à l'adresse de votre compte." : "Vous ne recevrez plus le bulletin par courriel.");
        return LocalRedirect(Url.IsLocalUrl(retour) ? retour! : "/bulletin/abonnement");
    }
}
