using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// Redis answers a ping: without it this instance's pages would be kept apart from the others' and its live pushes
/// would not cross to them, so it is not ready (it still serves, from the database, if traffic comes).
/// </summary>
internal sealed class RedisHealthCheck(Lazy<IConnectionMultiplexer> redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var latency = await redis.Value.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return HealthCheckResult.Healthy($"Redis répond en {latency.TotalMilliseconds:0} ms.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis ne répond pas.", e);
        }
    }
}
