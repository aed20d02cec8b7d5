using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Events.Pages;

/// <summary>A member's registrations, and their private calendar feed (its address holds a secret they can renew).</summary>
[Authorize]
public sealed class MesInscriptionsModel(EventQueries queries, CalendarKeys keys, PublicUrls urls) : PageModel
{
    public IReadOnlyList<(Event Event, Registration Registration)> Rows { get; private set; } = [];
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        Rows = await queries.OfMemberAsync(me, ct);
        var secret = await keys.SecretOfAsync(me, ct);
        FeedUrl = secret is null ? null : urls.Absolute($"/evenements/calendrier/{secret}.ics");
    }

    public async Task<IActionResult> OnPostCalendrierAsync(CancellationToken ct)
    {
        await keys.RenewAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
        this.Say("L'adresse de votre agenda privé est prête. Une ancienne adresse ne fonctionne plus.");
        return RedirectToPage();
    }
}
