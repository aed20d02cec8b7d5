using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace RqiiacPortail.Web.Infrastructure.Security;

/// <summary>
/// Something a person may do, and which roles grant it by default (Orchard's permission stereotypes).
/// Section roles grant it inside their section only; national roles everywhere. Administrators hold every
/// permission.
/// </summary>
public sealed record Permission(string Name, string Title, IReadOnlyList<string> SectionRoles, IReadOnlyList<string> NationalRoles);

/// <summary>Where a permission is asked for: one section, or "in at least one section" (menus, lists).</summary>
public sealed record SectionScope(int? SectionId)
{
    public static readonly SectionScope AnySection = new((int?)null);
}

public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    public Permission Permission => permission;
}

public static class AuthorizationServiceExtensions
{
    public static async Task<bool> CanAsync(this IAuthorizationService authorization, ClaimsPrincipal user, Permission permission, int? sectionId = null) =>
        (await authorization.AuthorizeAsync(user, new SectionScope(sectionId), new PermissionRequirement(permission))).Succeeded;
}
