using RqiiacPortail.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure;
using RqiiacPortail.Web.Modules.Sections;

namespace RqiiacPortail.Web;

/// <summary>What the host sets up before and after the modules: options, data folder, keys, the request pipeline.</summary>
public static class PortalHost
{
    public static IHostApplicationBuilder AddPortalHost(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section)
            .PostConfigure<IHostEnvironment>((o, env) =>
            {
                o.DataPath = string.IsNullOrEmpty(o.DataPath)
                    ? Path.Combine(env.ContentRootPath, "App_Data")
                    : Path.GetFullPath(o.DataPath, env.ContentRootPath);
                Directory.CreateDirectory(o.DataPath);
            });

        // Outside development the site answers only for its own names: the public address's host and loopback,
        // unless AllowedHosts lists them (then it must name a section's own host name too).
        // (ASP.NET Core itself would allow every host when the setting is missing.)
        if (!builder.Environment.IsDevelopment() && string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]?.Trim(';', ' ')))
            builder.Services.AddOptions<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>().PostConfigure<IOptions<PortalOptions>>((o, portal) =>
                o.AllowedHosts = portal.Value.PublicUrl is { Length: > 0 } url
                    ? [new Uri(url).Host, "localhost", "127.0.0.1", "[::1]"]
                    : ["localhost", "127.0.0.1", "[::1]"]);
        builder.Services.AddHostedService<Infrastructure.Web.PublicUrlDefault>();

        // Short-lived shared state (sign-in failure counters): in Redis when there is one, so that every instance
        // of a cluster counts the same attempts; in memory for a single instance.
        if (builder.Configuration["Redis:ConnectionString"] is { Length: > 0 } redis)
            builder.Services.AddStackExchangeRedisCache(o => { o.Configuration = redis; o.InstanceName = "rqiiac:"; });
        else
            builder.Services.AddDistributedMemoryCache();

        if (builder.Configuration["Files:Store"] == "S3")
            builder.Services.AddSingleton<Infrastructure.Files.IFileStore, Infrastructure.Files.S3FileStore>();
        else
            builder.Services.AddSingleton<Infrastructure.Files.IFileStore, Infrastructure.Files.LocalFileStore>();
        builder.Services.AddOptions<Infrastructure.Files.FilesOptions>().BindConfiguration(Infrastructure.Files.FilesOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Store != "S3" || (!string.IsNullOrEmpty(o.S3.ServiceUrl) && !string.IsNullOrEmpty(o.S3.Bucket)),
                "Files:Store=S3 demande Files:S3:ServiceUrl et Files:S3:Bucket.").ValidateOnStart();
        builder.Services.AddSingleton<Infrastructure.Files.FileIntake>();
        builder.Services.AddSingleton<Infrastructure.Files.OrphanFileSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Infrastructure.Files.OrphanFileSweeper>());

        // Keys in the data folder by default, so that sign-in cookies survive a restart; the scale-out set-up
        // shares the folder between instances.
        // AES-256-GCM rather than the default CBC + HMAC: one pass instead of two over every cookie and form token a
        // page reads or writes (a signed-in page does three; they were half of its time). Keys made before keep
        // their own algorithm, so cookies issued with them stay valid until those keys expire.
        builder.Services.AddDataProtection().SetApplicationName("rqiiac-portail")
            .UseCryptographicAlgorithms(new Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ValidationAlgorithm.HMACSHA256,
            });
        // With PostgreSQL (the provider of a cluster) the keys live in the database every instance shares: a cookie
        // signed by one instance opens on another. With SQLite (one machine by nature) they stay in the data folder's
        // « cles/ »: written to the database, a key made or rotated inside an open unit of work would wait for that
        // unit's own write lock.
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider, IOptions<PortalOptions>, IOptions<Data.DatabaseOptions>, ILoggerFactory>(
            (o, services, portal, database, logs) => o.XmlRepository ??= database.Value.Provider == "Postgres"
                ? new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.EntityFrameworkCoreXmlRepository<Data.PortalDbContext>(services, logs)
                : new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(portal.Value.DataPath, "cles")), logs));
        return builder;
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseMiddleware<Infrastructure.Web.SecurityHeadersMiddleware>();
        if (app.Environment.IsDevelopment()) app.UseDeveloperExceptionPage();
        else
        {
            app.UseExceptionHandler(Modules.Errors.ErrorsModule.ServerErrorPath);
            // Only on HTTPS responses (the proxy's X-Forwarded-Proto counts once it is trusted).
            app.UseHsts();
        }
        app.UseRequestLocalization();
        // Errors the section resolution answers itself (an inactive section's 404) get the national page.
        app.UseStatusCodePagesWithReExecute(Modules.Errors.ErrorsModule.PagePattern);
        app.UseSections();
        // After the section is known, so that an error page under /lanaudiere/ carries Lanaudière's name and look.
        app.UseStatusCodePagesWithReExecute(Modules.Errors.ErrorsModule.PagePattern);
        app.UseRouting();
        app.UseMiddleware<Infrastructure.Web.SmallFormPreload>();
        app.UseAuthentication();
        // After authentication: a member's posting limits count per member (before it, nobody was anybody).
        app.UseRateLimiter();
        app.UseAuthorization();
        // After authentication: a signed-in reader's page is never kept whole (PublicPagePolicy).
        app.UseOutputCache();

        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        app.MapModuleEndpoints();
        app.MapHealthEndpoints();
        // Browsers ask for /favicon.ico whatever the page says; the theme's icon answers it.
        app.MapGet("/favicon.ico", (HttpContext context) => Results.Redirect($"{context.Request.PathBase}/_content/RqiiacPortail.Theme/favicon.svg", permanent: true));
        return app;
    }
}
