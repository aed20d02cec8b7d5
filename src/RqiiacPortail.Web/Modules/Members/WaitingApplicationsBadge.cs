using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Modules.Members.Pages.Admin;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>How many applications wait for this person's decision, on the administration home.</summary>
internal sealed class WaitingApplicationsBadge(PortalDbContext db, IAuthorizationService authorization, ISectionContext section) : IAdminBadge
{
    public string Path => "admin/demandes";

    public async Task<string?> TextAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var count = (await DemandesModel.Waiting(db, authorization, user, section.Current.IsNational, ct)).Count;
        return count switch { 0 => null, 1 => "1 en attente", _ => $"{count} en attente" };
    }
}
