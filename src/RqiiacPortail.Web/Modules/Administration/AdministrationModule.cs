using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Audit;

namespace RqiiacPortail.Web.Modules.Administration;

/// <summary>
/// The administration's own pages: its home (every module's entries, filtered by what the person may do) and the
/// audit log that moderation and other actions write through <see cref="AuditLog"/>.
/// </summary>
public static class AdministrationModule
{
    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAdminMenuItem(new AdminMenuItem("Journal", "Les actions de modération : qui, quand, quoi, pourquoi.", "admin/journal", AuditPermissions.ReadSection, 95));
        return builder;
    }
}
