using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>
/// The personal unsubscribe link of every bulletin message. Opened (GET), it shows a button and unsubscribes nobody:
/// mail scanners follow links, and a church's gateway once unsubscribed all its staff that way. The POST (the
/// button, or a mail program's RFC 8058 one-click request) unsubscribes at once: no session, no antiforgery token
/// (the code is the authority), any body, and the same answer whether the code was known or not.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class DesabonnementModel(BulletinSubscriptions subscriptions) : PageModel
{
    public const string OneClick = "Désabonnement en un clic (lien personnel d'un envoi du bulletin)";

    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        await subscriptions.UnsubscribeAsync(code, OneClick, ct);
        Done = true;
        return Page();
    }
}
