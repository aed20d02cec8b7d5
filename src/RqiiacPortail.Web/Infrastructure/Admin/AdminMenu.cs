using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Infrastructure.Admin;

/// <summary>An entry of the administration menu, shown to whoever holds its permission in at least one section.</summary>
public sealed record AdminMenuItem(string Title, string Description, string Path, Permission Permission, int Order);

public static class AdminMenuRegistration
{
    public static IServiceCollection AddAdminMenuItem(this IServiceCollection services, AdminMenuItem item) =>
        services.AddSingleton(item);
}
