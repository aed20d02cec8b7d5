using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Tests.Search;

namespace RqiiacPortail.Tests.Administration;

/// <summary>
/// What the proxy asks of an instance: alive while the process answers; ready only while its database and Redis
/// answer and its search index is not behind the task log by more than <c>Search:ReadyLag</c>.
/// </summary>
public sealed class HealthEndpointTests(HealthEndpointTests.Site factory) : IClassFixture<HealthEndpointTests.Site>
{
    /// <summary>A search site whose index may lag by one second before the instance stops being ready.</summary>
    public sealed class Site : SearchTests.SearchFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Search:ReadyLag", "00:00:01")];
    }

    /// <summary>A site told of a Redis that is not there (a closed port).</summary>
    public sealed class RedisAwaySite : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Redis:ConnectionString", "127.0.0.1:9,connectTimeout=500")];
    }

    internal static async Task<(HttpStatusCode Status, string Health)> AskAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("statut").GetString()!);
    }

    private static async Task<(HttpStatusCode Status, string Health)> WaitForReadyAsync(HttpClient client, HttpStatusCode wanted)
    {
        var answer = await AskAsync(client, "/health/ready");
        for (var i = 0; i < 100 && answer.Status != wanted; i++)
        {
            await Task.Delay(100);
            answer = await AskAsync(client, "/health/ready");
        }
        return answer;
    }

    [Fact]
    public async Task AnIndexBehindTheLog_MakesTheInstanceNotReady_UntilItCatchesUp()
    {
        var client = factory.CreatePortalClient();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await WaitForReadyAsync(client, HttpStatusCode.OK));

        // A document whose source takes its time: the indexer waits on it, and the task ages in the log.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.Documents.Held["lent"] = gate;
        await factory.PublishAsync(SearchTests.Doc("lent", "Répertoire lent", "Un document que sa source tarde à donner."));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Degraded"), await WaitForReadyAsync(client, HttpStatusCode.ServiceUnavailable));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await AskAsync(client, "/health/live"));

        gate.SetResult();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await WaitForReadyAsync(client, HttpStatusCode.OK));
        Assert.Equal(1, (await factory.FindAsync("répertoire lent")).Total);
    }

    [Fact]
    public async Task TheAnswers_AreNeverKept_AndSayNothingToVisitorsButTheStatus()
    {
        var response = await factory.CreatePortalClient().GetAsync("/health/ready");
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["statut"], body.RootElement.EnumerateObject().Select(p => p.Name));
    }
}

public sealed class RedisAwayHealthTests(HealthEndpointTests.RedisAwaySite factory) : IClassFixture<HealthEndpointTests.RedisAwaySite>
{
    [Fact]
    public async Task RedisAway_TheInstanceIsAliveButNotReady()
    {
        var client = factory.CreatePortalClient();
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await HealthEndpointTests.AskAsync(client, "/health/live"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Degraded"), await HealthEndpointTests.AskAsync(client, "/health/ready"));
    }
}
