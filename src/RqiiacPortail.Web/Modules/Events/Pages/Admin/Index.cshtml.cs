using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>The events of the sections this person organizes (every section for administrators), drafts included.</summary>
[Authorize]
public sealed class IndexModel(PortalDbContext db, EventAccess access, ISectionCatalog catalog) : PageModel
{
    public sealed record Row(Event Event, SectionInfo? Section, int Waiting);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<SectionInfo> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(User, ct);
        if (!viewer.OrganizesAny) return Forbid();
        var all = await catalog.GetAllAsync(ct);
        Sections = all.Where(s => viewer.CanOrganize(s.Id)).ToList();
        var ids = Sections.Select(s => s.Id).ToList();
        var events = await db.Set<Event>().AcrossSections().AsNoTracking().Where(e => ids.Contains(e.SectionId))
            .OrderByDescending(e => e.StartsAt).Take(300).ToListAsync(ct);
        var eventIds = events.Select(e => e.Id).ToList();
        var waiting = await db.Set<Registration>().Where(r => eventIds.Contains(r.EventId) && r.Status == RegistrationStatus.Waitlisted)
            .GroupBy(r => r.EventId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows = events.Select(e => new Row(e, all.FirstOrDefault(s => s.Id == e.SectionId), waiting.GetValueOrDefault(e.Id))).ToList();
        return Page();
    }
}
