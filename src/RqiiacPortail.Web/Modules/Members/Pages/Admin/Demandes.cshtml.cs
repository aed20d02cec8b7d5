using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Admin;

[Authorize]
public sealed class DemandesModel(MembershipService membership, IAuthorizationService authorization, ISectionContext section, ISectionCatalog catalog) : PageModel
{
    public sealed record Row(int Id, string Name, string? Employer, string Region, DateTimeOffset SubmittedAt);

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, MembersPermissions.ReviewApplications, section.Current.IsNational ? null : section.Current.Id))
            return Forbid();

        var sections = (await catalog.GetAllAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        Pending = (await membership.WaitingAsync(User, section.Current.IsNational, ct))
            .Select(a => new Row(a.Id, $"{a.FirstName} {a.LastName}", a.Employer, sections.GetValueOrDefault(a.SectionId, "?"), a.SubmittedAt)).ToList();
        return Page();
    }
}
