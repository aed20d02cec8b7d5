using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Admin;

[Authorize]
public sealed class DemandesModel(PortalDbContext db, IAuthorizationService authorization, ISectionContext section, ISectionCatalog catalog) : PageModel
{
    public sealed record Row(int Id, string Name, string? Employer, string Region, DateTimeOffset SubmittedAt);

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, MembersPermissions.ReviewApplications, section.Current.IsNational ? null : section.Current.Id))
            return Forbid();

        // In a section the query filter keeps its own applications; nationally, read across the sections and
        // keep those the person may decide.
        var query = db.Set<MembershipApplication>().AsQueryable();
        if (section.Current.IsNational) query = query.AcrossSections();
        var pending = await query.Where(a => a.Status == MembershipStatus.AwaitingApproval)
            .OrderBy(a => a.SubmittedAt)
            .Select(a => new { a.Id, a.SectionId, a.User!.FirstName, a.User.LastName, a.User.Employer, a.SubmittedAt })
            .ToListAsync(ct);

        var sections = (await catalog.GetAllAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        var rows = new List<Row>();
        foreach (var a in pending)
        {
            if (await authorization.CanAsync(User, MembersPermissions.ReviewApplications, a.SectionId))
                rows.Add(new Row(a.Id, $"{a.FirstName} {a.LastName}", a.Employer, sections.GetValueOrDefault(a.SectionId, "?"), a.SubmittedAt));
        }
        Pending = rows;
        return Page();
    }
}
