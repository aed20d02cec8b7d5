using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure;

namespace RqiiacPortail.Web.Data;

public static class DataModule
{
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        if (options.Provider == "Postgres")
        {
            var connection = options.ConnectionString
                ?? throw new InvalidOperationException("Database:ConnectionString est requis avec PostgreSQL.");
            builder.Services.AddDbContext<PortalDbContext, PostgresPortalDbContext>(o => o.UseNpgsql(connection));
        }
        else
        {
            builder.Services.AddDbContext<PortalDbContext, SqlitePortalDbContext>((sp, o) =>
                o.UseSqlite(options.ConnectionString ?? SqliteConnectionFor(sp.GetRequiredService<IOptions<PortalOptions>>().Value)));
        }

        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("base-de-donnees");
        return builder;
    }

    private static string SqliteConnectionFor(PortalOptions portal)
    {
        Directory.CreateDirectory(portal.DataPath);
        return $"Data Source={Path.Combine(portal.DataPath, "portail.db")};Foreign Keys=True";
    }
}
