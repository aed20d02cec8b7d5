using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections.Pages.Admin;

/// <summary>The sections the person coordinates; straight to the settings when there is only one.</summary>
[Authorize]
public sealed class MaSectionModel(IMemberRoles roles, ISectionCatalog catalog) : PageModel
{
    public IReadOnlyList<SectionInfo> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var ids = await roles.SectionsWhereAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, Roles.Coordinator, ct);
        Sections = (await catalog.GetAllAsync(ct)).Where(s => ids.Contains(s.Id)).ToList();
        return Sections.Count switch
        {
            0 => Forbid(),
            1 => LocalRedirect($"{Request.PathBase}/admin/sections/{Sections[0].Id}"),
            _ => Page(),
        };
    }
}
