using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

public static class SectionsPermissions
{
    /// <summary>Create, disable and edit any section: administrators only.</summary>
    public static readonly Permission Manage = new("sections.manage", "Gérer les sections régionales", [], []);

    /// <summary>Edit one's own section's presentation (description, colour): its coordination.</summary>
    public static readonly Permission EditOwn = new("sections.edit", "Modifier la présentation de la section", [Roles.Coordinator], []);
}
