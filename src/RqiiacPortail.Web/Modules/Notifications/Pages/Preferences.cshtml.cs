using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications.Pages;

[Authorize]
public sealed class PreferencesModel(DeliveryPreferences preferences, INotificationKinds kinds, IEnumerable<PreferenceBlock> blocks) : PageModel
{
    /// <summary>What other modules add to the page, in their order.</summary>
    public IReadOnlyList<PreferenceBlock> Blocks { get; } = blocks.OrderBy(b => b.Order).ToList();

    public static readonly IReadOnlyList<(Delivery Delivery, string Label)> Options =
    [
        (Delivery.Site, "Sur le portail seulement"),
        (Delivery.Email, "Par courriel, tout de suite"),
        (Delivery.Digest, "Dans un résumé quotidien par courriel"),
    ];

    // An explicit name keeps the binder from falling back to the whole form when no choice was sent.
    [BindProperty(Name = "Choix")] public Dictionary<string, string> Choices { get; set; } = [];

    [BindProperty]
    [Range(0, 23, ErrorMessage = "Choisissez une heure de 0 à 23.")]
    public int DigestHour { get; set; } = DigestSchedule.DefaultHour;

    [BindProperty(SupportsGet = true, Name = "enregistre")] public bool Saved { get; set; }

    private IReadOnlyDictionary<string, Delivery> _current = new Dictionary<string, Delivery>();

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The kinds the site's modules raise, as they declared them.</summary>
    public IReadOnlyList<NotificationKind> Kinds => kinds.All;

    public Delivery Current(NotificationKind kind) => _current.TryGetValue(kind.Key, out var d) ? d : kind.DefaultDelivery;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var chosen = new Dictionary<string, Delivery>();
        foreach (var (key, value) in Choices)
        {
            if (kinds.Find(key) is null || !Enum.TryParse<Delivery>(value, out var delivery) || !Enum.IsDefined(delivery))
                ModelState.AddModelError(string.Empty, "Un des choix envoyés n'existe pas. Rechargez la page et recommencez.");
            else chosen[key] = delivery;
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        await preferences.SaveAsync(UserId, chosen, DigestHour, ct);
        return LocalRedirect(Request.PathBase + "/notifications/preferences?enregistre=true");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (chosen, hour) = await preferences.ForAsync(UserId, ct);
        _current = chosen;
        if (!Request.HasFormContentType) DigestHour = hour;
    }
}
