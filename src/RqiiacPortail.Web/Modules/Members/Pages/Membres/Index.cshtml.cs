using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Membres;

/// <summary>The directory is for approved members only (policy), never for visitors.</summary>
[Authorize(Policy = MembersModule.MembersOnlyPolicy)]
public sealed class IndexModel(PortalDbContext db, ISectionContext section, ISectionCatalog catalog) : PageModel
{
    public sealed record Row(string Name, string? Employer, string Region, string? Territory);

    public IReadOnlyList<Row> Members { get; private set; } = [];
    public string? SectionName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Users.Where(u => u.Status == MembershipStatus.Approved);
        if (!section.Current.IsNational)
        {
            var id = section.Current.Id;
            query = query.Where(u => u.HomeSectionId == id);
            SectionName = section.Current.Name;
        }
        var users = await query.Select(u => new { u.FirstName, u.LastName, u.Employer, u.HomeSectionId, u.Territory }).Take(2000).ToListAsync(ct);
        var sections = (await catalog.GetAllAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        Members = users
            .Select(u => new Row($"{u.FirstName} {u.LastName}", u.Employer, sections.GetValueOrDefault(u.HomeSectionId, ""), u.Territory))
            .OrderBy(r => r.Name, FrenchText.Comparer).ToList();
    }
}
