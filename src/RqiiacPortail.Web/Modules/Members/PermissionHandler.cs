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

        if ((await roles.GrantsAsync(userId)).Allow(requirement.Permission, scope)) context.Succeed(requirement);
    }
}
