using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections.Pages.Admin;

[Authorize]
public sealed class SectionsModel(SectionEditor sections, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<SectionInfo> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, SectionsPermissions.Manage)) return Forbid();
        // Read from the database rather than the cache: the administrator wants to see a change at once.
        Sections = await sections.AllAsync(ct);
        return Page();
    }
}
