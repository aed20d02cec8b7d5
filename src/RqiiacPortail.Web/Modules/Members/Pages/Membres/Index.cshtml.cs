using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Membres;

/// <summary>The directory is for approved members only (policy), never for visitors.</summary>
[Authorize(Policy = MembersModule.MembersOnlyPolicy)]
public sealed class IndexModel(MemberDirectory directory, ISectionContext section, ISectionCatalog catalog) : PageModel
{
    /// <param name="UserName">What others type after @ to mention the member in the forum.</param>
    public sealed record Row(string Name, string UserName, string? Employer, string Region, string? Territory);

    public IReadOnlyList<Row> Members { get; private set; } = [];
    public string? SectionName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        int? sectionId = section.Current.IsNational ? null : section.Current.Id;
        if (sectionId is not null) SectionName = section.Current.Name;
        var users = await directory.ListAsync(sectionId, 2000, ct);
        var sections = (await catalog.GetAllAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        Members = users
            .Select(u => new Row($"{u.FirstName} {u.LastName}", u.UserName, u.Employer, sections.GetValueOrDefault(u.HomeSectionId, ""), u.Territory))
            .OrderBy(r => r.Name, FrenchText.Comparer).ToList();
    }
}
