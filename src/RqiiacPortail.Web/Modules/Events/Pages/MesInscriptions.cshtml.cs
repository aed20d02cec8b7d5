using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Events.Pages;

/// <summary>A member's registrations, and their private calendar feed (its address holds a secret they can renew).</summary>
[Authorize]
public sealed class MesInscriptionsModel(PortalDbContext db, PublicUrls urls, TimeProvider clock) : PageModel
{
    public sealed record Row(Event Event, Registration Registration);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? FeedUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        Rows = await (from r in db.Set<Registration>().AsNoTracking()
                      join e in db.Set<Event>().AcrossSections().AsNoTracking() on r.EventId equals e.Id
                      where r.UserId == me
                      orderby e.StartsAt descending
                      select new Row(e, r)).Take(200).ToListAsync(ct);
        var secret = await db.Set<CalendarKey>().Where(k => k.UserId == me).Select(k => k.Secret).FirstOrDefaultAsync(ct);
        FeedUrl = secret is null ? null : urls.Absolute($"/evenements/calendrier/{secret}.ics");
    }

    /// <summary>Makes the feed's address, or a new one: the old address stops answering at once.</summary>
    public async Task<IActionResult> OnPostCalendrierAsync(CancellationToken ct)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var secret = Registrar.NewCode();
        if (await db.Set<CalendarKey>().Where(k => k.UserId == me).ExecuteUpdateAsync(s => s.SetProperty(k => k.Secret, secret), ct) == 0
            && !await db.InsertIfMissingAsync(new CalendarKey { UserId = me, Secret = secret, CreatedAt = clock.GetUtcNow() }, ct))
            await db.Set<CalendarKey>().Where(k => k.UserId == me).ExecuteUpdateAsync(s => s.SetProperty(k => k.Secret, secret), ct);
        this.Say("L'adresse de votre agenda privé est prête. Une ancienne adresse ne fonctionne plus.");
        return RedirectToPage();
    }
}
