using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

public static class ToolsPermissions
{
    /// <summary>Share a tool: any approved member.</summary>
    public static readonly Permission Share = new("tools.share", "Partager un outil", Roles.SectionRoles, Roles.NationalRoles);

    /// <summary>Edit or withdraw anyone's tool in a section: its coordination (and administrators).</summary>
    public static readonly Permission Manage = new("tools.manage", "Modifier ou retirer les outils de la section", [Roles.Coordinator], []);
}

/// <summary>What one reader may do, worked out once per request and then applied to any number of tools.</summary>
/// <param name="Audiences">Who the reader is for the rules every module shares (the network's members, a section's…).</param>
public sealed record ToolReader(string? UserId, ReaderAudiences Audiences, IReadOnlySet<int> Manages, bool ManagesAll)
{
    public bool CanEdit(Tool tool) => UserId is not null && (tool.CreatedById == UserId || ManagesAll || Manages.Contains(tool.SectionId));

    /// <summary>
    /// The author may move their tool anywhere, as they could have shared it anywhere; a coordinator may only move
    /// it to a section they also coordinate, so that nobody acts on a region that is not theirs.
    /// </summary>
    public bool CanMove(Tool tool, int toSectionId) =>
        tool.SectionId == toSectionId || (CanEdit(tool) && (tool.CreatedById == UserId || ManagesAll || Manages.Contains(toSectionId)));

    public bool CanView(Tool tool) => tool.Status switch
    {
        ToolStatus.Withdrawn => false,
        ToolStatus.Draft => CanEdit(tool),
        _ => CanEdit(tool) || Audiences.Includes(tool.Audience),
    };
}

/// <summary>Who may see, and who may change, a tool: the one place these rules are written.</summary>
public sealed class ToolAccess(IAuthorizationService authorization, IMemberRoles roles, IAudiences audiences)
{
    private ToolReader? _reader;

    public async Task<ToolReader> ReaderAsync(ClaimsPrincipal user)
    {
        if (_reader is not null) return _reader;
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return _reader = new ToolReader(null, ReaderAudiences.Visitor, new HashSet<int>(), false);
        var coordinates = (await roles.SectionsWhereAsync(id, Roles.Coordinator)).ToHashSet();
        // Administrators hold every permission: "manage in a section nobody coordinates" tells them apart.
        var managesAll = await authorization.CanAsync(user, ToolsPermissions.Manage, int.MinValue);
        // Who sees what is the members module's audiences, as in the forum and search: one definition.
        return _reader = new ToolReader(id, await audiences.OfAsync(user), coordinates, managesAll);
    }

    public async Task<bool> CanViewAsync(ClaimsPrincipal user, Tool tool) => (await ReaderAsync(user)).CanView(tool);

    public async Task<bool> CanEditAsync(ClaimsPrincipal user, Tool tool) => (await ReaderAsync(user)).CanEdit(tool);
}
