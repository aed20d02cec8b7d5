using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>Decides permissions from the role grants stored in the database (not from cookie claims, which can be stale).</summary>
/// Used as a policy on a page (no resource), a permission means "in at least one section".
public sealed class PermissionHandler(MemberRoles roles) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var scope = context.Resource as SectionScope ?? SectionScope.AnySection;
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return;

        var grants = await roles.GrantsAsync(userId);
        var permission = requirement.Permission;
        var allowed = grants.National.Contains(Roles.Administrator)
            || permission.NationalRoles.Any(grants.National.Contains)
            || grants.InSections.Any(g => permission.SectionRoles.Contains(g.Role) && (scope.SectionId is null || g.SectionId == scope.SectionId));
        if (allowed) context.Succeed(requirement);
    }
}
