using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

public static class MembersPermissions
{
    public static readonly Permission ReviewApplications = new("members.review", "Examiner les demandes d'adhésion",
        [Roles.Coordinator], []);

    /// <summary>Every member and every role, national ones included: administrators.</summary>
    public static readonly Permission ManageRoles = new("members.roles", "Gérer les membres et leurs rôles",
        [], []);

    /// <summary>The roles held in one section, for the members of that section: its coordination.</summary>
    public static readonly Permission ManageSectionRoles = new("members.section-roles", "Gérer les rôles de sa section",
        [Roles.Coordinator], []);

    /// <summary>Members-only pages: any approved member of any section.</summary>
    public static readonly Permission ViewMembersArea = new("members.area", "Consulter l'espace membres",
        Roles.SectionRoles, Roles.NationalRoles);
}
