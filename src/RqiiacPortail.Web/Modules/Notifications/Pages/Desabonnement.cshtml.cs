using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications.Pages;

/// <summary>
/// The unsubscribe link of each e-mail. Mail programs POST here without a session or antiforgery token
/// (RFC 8058 one-click), so the signed token is the authority: it names one member and one kind.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class DesabonnementModel(DeliveryPreferences preferences, NotificationLinks links, INotificationKinds kinds) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Token { get; set; }
    public string? KindLabel { get; private set; }
    public bool Done { get; private set; }

    public IActionResult OnGet()
    {
        var target = Read();
        return target is null ? Invalid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Read() is not { } target) return Invalid();
        await preferences.StopAsync(target.UserId, target.Kind, ct);
        Done = true;
        return Page();
    }

    private (string UserId, string Kind)? Read()
    {
        var target = links.ReadToken(Token);
        KindLabel = target is { } t ? t.Kind == NotificationLinks.DigestKind ? "le résumé quotidien" : kinds.Find(t.Kind)?.Label : null;
        return KindLabel is null ? null : target;
    }

    private PageResult Invalid()
    {
        KindLabel = null;
        return Page().WithStatus(StatusCodes.Status400BadRequest);
    }
}
