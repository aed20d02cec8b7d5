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
        // Interceptors registered in the container (a module's, a test's; singletons) apply to both. The options are
        // built once, not for every request's context.
        // A list in a query (`ids.Contains(x.Id)`) goes as one parameter (SQLite's json_each, PostgreSQL's = ANY): EF 10's
        // default of one parameter per value makes the SQL again for each list, which took most of a forum page's time.
        builder.Services.AddDbContext<SqlitePortalDbContext>((sp, o) =>
            o.UseSqlite(Database(sp).ConnectionString ?? SqliteConnectionFor(sp.GetRequiredService<IOptions<PortalOptions>>().Value),
                    sqlite => sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>().Append(BusyTimeout)), optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddDbContext<PostgresPortalDbContext>((sp, o) => o.UseNpgsql(PostgresConnectionString(Database(sp).ConnectionString!),
                npgsql =>
                {
                    npgsql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);
                    if (Database(sp).MaxRetries > 0) npgsql.EnableRetryOnFailure(Database(sp).MaxRetries);
                })
            .AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()), optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddScoped<PortalDbContext>(sp => Database(sp).Provider == "Postgres"
            ? sp.GetRequiredService<PostgresPortalDbContext>()
            : sp.GetRequiredService<SqlitePortalDbContext>());

        builder.Services.AddSingleton<AfterCommit>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<AfterCommit>());
        builder.Services.AddSingleton<DatabaseReady>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("base-de-donnees", tags: [Infrastructure.Web.HealthEndpoints.Ready]);
        return builder;
    }

    /// <summary>
    /// The configured connection string with the pool bounded unless it says otherwise: an instance on two cores
    /// needs far fewer than Npgsql's 100 connections, and idle ones go back to the server after 30 s rather than
    /// 5 minutes (a burst once left one instance holding every connection the server had for 9 minutes).
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        bool Has(params string[] names) => given.Keys.Cast<string>().Any(k => names.Any(n => string.Equals(k.Replace(" ", ""), n, StringComparison.OrdinalIgnoreCase)));
        var built = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!Has("MaximumPoolSize", "MaxPoolSize")) built.MaxPoolSize = 30;
        if (!Has("ConnectionIdleLifetime")) built.ConnectionIdleLifetime = 30;
        if (!Has("ConnectionPruningInterval")) built.ConnectionPruningInterval = 5;
        if (!Has("Timeout")) built.Timeout = 15;
        if (!Has("CommandTimeout")) built.CommandTimeout = 30;
        return built.ConnectionString;
    }

    private static readonly SqliteBusyTimeout BusyTimeout = new();

    private static DatabaseOptions Database(IServiceProvider sp) => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    private static string SqliteConnectionFor(PortalOptions portal) =>
        $"Data Source={Path.Combine(portal.DataPath, "portail.db")};Foreign Keys=True";
}
