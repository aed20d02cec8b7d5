using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using RqiiacPortail.Web.Infrastructure;
using RqiiacPortail.Web.Modules.Sections;

namespace RqiiacPortail.Web;

/// <summary>What the host sets up before and after the modules: options, data folder, keys, the request pipeline.</summary>
public static class PortalHost
{
    public static IHostApplicationBuilder AddPortalHost(this IHostApplicationBuilder builder)
    {
        var dataPath = builder.Configuration["Portal:DataPath"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.Environment.ContentRootPath)
            : Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(dataPath);

        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section)
            .PostConfigure(o => o.DataPath = dataPath);

        // Keys on disk by default; the scale-out set-up shares this folder (or Redis) between instances.
        builder.Services.AddDataProtection()
            .SetApplicationName("rqiiac-portail")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "cles")));
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment()) app.UseDeveloperExceptionPage();
        else app.UseExceptionHandler("/erreur/500");
        app.UseStatusCodePagesWithReExecute("/erreur/{0}");
        app.UseRequestLocalization();
        app.UseSections();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            statut = report.Status.ToString(),
            verifications = report.Entries.ToDictionary(e => e.Key, e => new { statut = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
