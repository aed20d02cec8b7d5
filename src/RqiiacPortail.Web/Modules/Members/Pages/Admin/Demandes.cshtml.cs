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

        var sections = (await catalog.GetAllAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        Pending = (await Waiting(db, authorization, User, section.Current.IsNational, ct))
            .Select(a => new Row(a.Id, $"{a.FirstName} {a.LastName}", a.Employer, sections.GetValueOrDefault(a.SectionId, "?"), a.SubmittedAt)).ToList();
        return Page();
    }

    internal sealed record WaitingApplication(int Id, int SectionId, string FirstName, string LastName, string? Employer, DateTimeOffset SubmittedAt);

    /// <summary>
    /// The applications awaiting a decision that this person may decide. In a section the query filter keeps its
    /// own; nationally, read across the sections and keep those the person's roles cover.
    /// </summary>
    internal static async Task<IReadOnlyList<WaitingApplication>> Waiting(PortalDbContext db, IAuthorizationService authorization,
        System.Security.Claims.ClaimsPrincipal user, bool national, CancellationToken ct)
    {
        var query = db.Set<MembershipApplication>().AsQueryable();
        if (national) query = query.AcrossSections();
        var pending = await query.Where(a => a.Status == MembershipStatus.AwaitingApproval)
            .OrderBy(a => a.SubmittedAt)
            .Select(a => new WaitingApplication(a.Id, a.SectionId, a.User!.FirstName, a.User.LastName, a.User.Employer, a.SubmittedAt))
            .ToListAsync(ct);
        var allowed = new List<WaitingApplication>();
        foreach (var a in pending)
            if (await authorization.CanAsync(user, MembersPermissions.ReviewApplications, a.SectionId)) allowed.Add(a);
        return allowed;
    }
}
