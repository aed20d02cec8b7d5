using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>
/// The confirmation link. Opening it shows a button: mail gateways follow links to scan them, and a GET that
/// confirmed would let a gateway subscribe a person who never asked.
/// </summary>
[EnableRateLimiting(BulletinModule.PostingPolicy)]
public sealed class ConfirmerModel(BulletinSubscriptions subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public ConfirmationOutcome? Outcome { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Outcome = await subscriptions.ConfirmAsync(Code, ct);
        return Outcome == ConfirmationOutcome.Confirmed ? Page() : Page().WithStatus(StatusCodes.Status400BadRequest);
    }
}
