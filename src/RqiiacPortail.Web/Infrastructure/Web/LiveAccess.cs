using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Tells every instance that what a member may follow live has changed (a role withdrawn, a suspension, a session
/// ended, the account closed): each closes that member's connections, and their pages, reconnecting, are checked
/// again. Called after the change is committed, or a reconnection could still find the old rights.
/// </summary>
public interface ILiveAccess
{
    Task MemberChangedAsync(string userId, CancellationToken ct = default);
}

/// <summary>
/// This instance's connections closed at once; with Redis, the member's id published on a channel every instance
/// listens to (each closes its own). Redis away, the other instances' connections live on until they drop.
/// </summary>
internal sealed class LiveAccess(LiveConnections connections, IServiceProvider services, ILogger<LiveAccess> logger) : ILiveAccess, IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("rqiiac:acces-en-direct");

    private Lazy<IConnectionMultiplexer>? Redis => services.GetService<Lazy<IConnectionMultiplexer>>();

    public async Task MemberChangedAsync(string userId, CancellationToken ct = default)
    {
        connections.Close(userId);
        if (Redis is not { } redis) return;
        try
        {
            await redis.Value.GetSubscriber().PublishAsync(Channel, userId);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Changement d'accès du membre {Member} non transmis aux autres instances.", userId);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Redis is not { } redis) return;
        try
        {
            await redis.Value.GetSubscriber().SubscribeAsync(Channel, (_, member) => connections.Close(member.ToString()));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Canal des changements d'accès non écouté : Redis ne répond pas.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static void Add(IServiceCollection services)
    {
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveConnections>();
        services.Configure<HubOptions>(o => o.AddFilter<LiveConnections>());
        services.AddSingleton<LiveAccess>();
        services.AddSingleton<ILiveAccess>(sp => sp.GetRequiredService<LiveAccess>());
        services.AddHostedService(sp => sp.GetRequiredService<LiveAccess>());
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LiveOptions>>((kestrel, live) =>
            kestrel.Limits.MaxConcurrentUpgradedConnections = live.Value.MaxUpgradedConnections);
    }
}
