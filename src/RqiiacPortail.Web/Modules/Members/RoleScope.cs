using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// Whose roles a person may manage: administrators everyone's, in every section and nationally; a coordinator the
/// roles held in the sections they coordinate, for the people of those sections (who live there or hold a role
/// there) — never someone else's address in another region.
/// </summary>
public sealed class RoleScope(IAuthorizationService authorization, ISectionCatalog catalog, PortalDbContext db)
{
    /// <summary>Null: every section (an administrator). Empty: none, the pages are refused.</summary>
    public IReadOnlySet<int>? Sections { get; private set; }

    public bool IsNational => Sections is null;

    public bool Any => Sections is null || Sections.Count > 0;

    public async Task<RoleScope> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (await authorization.CanAsync(user, MembersPermissions.ManageRoles)) return this;
        var managed = new HashSet<int>();
        foreach (var section in await catalog.GetAllAsync(ct))
            if (!section.IsNational && await authorization.CanAsync(user, MembersPermissions.ManageSectionRoles, section.Id))
                managed.Add(section.Id);
        Sections = managed;
        return this;
    }

    public bool Covers(int sectionId) => Sections is null || Sections.Contains(sectionId);

    /// <summary>The members this scope reaches.</summary>
    public IQueryable<PortalUser> Members()
    {
        if (Sections is not { } sections) return db.Users;
        var ids = sections.ToList();
        return db.Users.Where(u => ids.Contains(u.HomeSectionId) || db.Set<SectionRole>().Any(r => r.UserId == u.Id && ids.Contains(r.SectionId)));
    }
}
