namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Endpoints a module maps beyond its Razor pages (a SignalR hub, a feed), with any middleware they need:
/// declared from the module's entry point, mapped by the host after the pages, so that Program.cs never
/// names a module's endpoints.
/// </summary>
public sealed record ModuleEndpoints(string Module, Action<WebApplication> Map);

public static class ModuleEndpointsRegistration
{
    public static IServiceCollection AddModuleEndpoints(this IServiceCollection services, string module, Action<WebApplication> map) =>
        services.AddSingleton(new ModuleEndpoints(module, map));

    /// <summary>Maps every module's endpoints, in the order the modules were added.</summary>
    public static WebApplication MapModuleEndpoints(this WebApplication app)
    {
        foreach (var endpoints in app.Services.GetServices<ModuleEndpoints>()) endpoints.Map(app);
        return app;
    }
}
