using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Modules.Administration.Pages;

/// <summary>The audit log, newest first: who did what, when and why. Administrators only.</summary>
[Authorize]
public sealed class JournalModel(AuditLog log, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    public AuditLog.Page Entries { get; private set; } = new([], 0);
    public int P { get; private set; } = 1;
    public int Pages { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        if (!await authorization.CanAsync(User, AuditPermissions.Read)) return Forbid();
        P = Math.Max(1, p);
        Entries = await log.ReadAsync(null, P, PageSize, ct);
        Pages = Math.Max(1, (Entries.Total + PageSize - 1) / PageSize);
        return Page();
    }
}
