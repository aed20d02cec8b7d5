using Microsoft.EntityFrameworkCore.Diagnostics;
using StackExchange.Redis;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// What makes pages fast without ever serving what changed: in-memory copies checked against the generations of
/// their cache areas (<see cref="GenerationalCache"/>), and anonymous pages kept whole by ASP.NET Core's output
/// cache (<see cref="PublicPagePolicy"/>). With Redis configured the generations and the kept pages live there,
/// shared by every instance; without it, in this process.
/// </summary>
public static class CachingModule
{
    public static IHostApplicationBuilder AddCaching(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMemoryCache();
        services.AddSingleton<ContentGenerations>();
        services.AddSingleton<GenerationalCache>();
        services.AddSingleton<GenerationInterceptor>();
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<GenerationInterceptor>());

        services.AddOutputCache(o => o.AddPolicy(PublicPagePolicy.Name, new PublicPagePolicy()));
        // Signed-in readers' pages, kept per kind of reader in this instance's memory (the generations are shared).
        services.AddOptions<KeptPagesOptions>().Bind(builder.Configuration.GetSection("Caching:KeptPages"))
            .Validate(o => o.Megabytes is > 0 and <= 4096, "Caching:KeptPages:Megabytes doit être entre 1 et 4096.").ValidateOnStart();
        services.AddSingleton<KeptPageStore>();
        services.AddScoped<KeptPagesFilter>();
        if (builder.Configuration["Redis:ConnectionString"] is { Length: > 0 } redis)
        {
            // Not aborting when Redis is away at start: the multiplexer connects in the background when it comes back
            // (a Lazy that threw would have kept the exception for the life of the process).
            var configuration = ConfigurationOptions.Parse(redis);
            configuration.AbortOnConnectFail = false;
            services.AddSingleton(new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration)));
            services.AddSingleton<IGenerationStore, RedisGenerationStore>();
            services.AddStackExchangeRedisOutputCache(o => { o.Configuration = redis; o.InstanceName = "rqiiac:pages:"; });
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [Web.HealthEndpoints.Ready]);
        }
        else
            services.AddSingleton<IGenerationStore, LocalGenerationStore>();
        return builder;
    }
}
