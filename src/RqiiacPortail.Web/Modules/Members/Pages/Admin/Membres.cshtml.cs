using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Admin;

[Authorize]
public sealed class MembresModel(RoleScope scope, ISectionCatalog catalog) : PageModel
{
    public const int PageSize = 100;

    public sealed record Row(string Id, string Name, string? Email, string Region, MembershipStatus Status);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "supprime")] public bool Deleted { get; set; }

    public IReadOnlyList<Row> Members { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(await scope.ForAsync(User, ct)).Any) return Forbid();
        var query = scope.Members();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToUpperInvariant();
            q = q.Length > 100 ? q[..100] : q;
            query = query.Where(u => u.NormalizedEmail!.Contains(q) || (u.FirstName + " " + u.LastName).ToUpper().Contains(q));
        }
        var users = await query.OrderBy(u => u.LastName).ThenBy(u => u.FirstName).Take(PageSize)
            .Select(u => new { u.Id, u.FirstName, u.LastName, u.Email, u.HomeSectionId, u.Status }).ToListAsync(ct);
        var sections = (await catalog.GetAllAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        Members = users.Select(u => new Row(u.Id, $"{u.FirstName} {u.LastName}", u.Email, sections.GetValueOrDefault(u.HomeSectionId, "?"), u.Status)).ToList();
        return Page();
    }
}
