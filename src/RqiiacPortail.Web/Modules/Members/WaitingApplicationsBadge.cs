using System.Security.Claims;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>How many applications wait for this person's decision, on the administration home.</summary>
internal sealed class WaitingApplicationsBadge(MembershipService membership, ISectionContext section) : IAdminBadge
{
    public string Path => "admin/demandes";

    public async Task<string?> TextAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var count = (await membership.WaitingAsync(user, section.Current.IsNational, ct)).Count;
        return count switch { 0 => null, 1 => "1 en attente", _ => $"{count} en attente" };
    }
}
