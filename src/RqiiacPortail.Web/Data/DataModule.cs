using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure;

namespace RqiiacPortail.Web.Data;

public static class DataModule
{
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.Provider != "Postgres" || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString est requis avec PostgreSQL.")
            .ValidateOnStart();

        // Both providers are registered; the configured one is chosen when a context is asked for, so that
        // the choice can come from any configuration source (including a test host's).
        builder.Services.AddDbContext<SqlitePortalDbContext>((sp, o) =>
            o.UseSqlite(Database(sp).ConnectionString ?? SqliteConnectionFor(sp.GetRequiredService<IOptions<PortalOptions>>().Value)));
        builder.Services.AddDbContext<PostgresPortalDbContext>((sp, o) => o.UseNpgsql(Database(sp).ConnectionString));
        builder.Services.AddScoped<PortalDbContext>(sp => Database(sp).Provider == "Postgres"
            ? sp.GetRequiredService<PostgresPortalDbContext>()
            : sp.GetRequiredService<SqlitePortalDbContext>());

        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("base-de-donnees");
        return builder;
    }

    private static DatabaseOptions Database(IServiceProvider sp) => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    private static string SqliteConnectionFor(PortalOptions portal) =>
        $"Data Source={Path.Combine(portal.DataPath, "portail.db")};Foreign Keys=True";
}
