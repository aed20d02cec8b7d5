using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

public static class MembersPermissions
{
    public static readonly Permission ReviewApplications = new("members.review", "Examiner les demandes d'adhésion",
        [Roles.Coordinator], []);

    public static readonly Permission ManageRoles = new("members.roles", "Gérer les membres et leurs rôles",
        [], []);

    /// <summary>Members-only pages: any approved member of any section.</summary>
    public static readonly Permission ViewMembersArea = new("members.area", "Consulter l'espace membres",
        Roles.SectionRoles, Roles.NationalRoles);
}
