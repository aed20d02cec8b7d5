using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>The events of the sections this person organizes (every section for administrators), drafts included.</summary>
[Authorize]
public sealed class IndexModel(EventQueries queries, EventAccess access, ISectionCatalog catalog) : PageModel
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
        var rows = await queries.OrganizedAsync(Sections.Select(s => s.Id).ToList(), ct);
        Rows = rows.Select(r => new Row(r.Event, all.FirstOrDefault(s => s.Id == r.Event.SectionId), r.Waiting)).ToList();
        return Page();
    }
}
