using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Infrastructure.Admin;

/// <summary>An entry of the administration menu, shown to whoever holds its permission in at least one section.</summary>
public sealed record AdminMenuItem(string Title, string Description, string Path, Permission Permission, int Order);

/// <summary>A count a module shows on its entry of the administration home (« 3 en attente »), for one person.</summary>
public interface IAdminBadge
{
    /// <summary>The <see cref="AdminMenuItem.Path"/> of the entry it belongs to.</summary>
    string Path { get; }

    /// <returns>The badge's text, or null when there is nothing to show.</returns>
    Task<string?> TextAsync(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct);
}

public static class AdminMenuRegistration
{
    public static IServiceCollection AddAdminMenuItem(this IServiceCollection services, AdminMenuItem item) =>
        services.AddSingleton(item);

    public static IServiceCollection AddAdminBadge<TBadge>(this IServiceCollection services) where TBadge : class, IAdminBadge =>
        services.AddScoped<IAdminBadge, TBadge>();
}
