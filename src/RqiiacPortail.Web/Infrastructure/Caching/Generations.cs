using System.Globalization;
using StackExchange.Redis;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// One number per cache area, moved on every committed change. A cached copy remembers the numbers it was made
/// under and is used only while they are still current: nothing is ever evicted in time, it simply stops matching.
/// (Orchard Core's documents do the same with an identifier checked in the distributed cache.)
/// </summary>
public interface IGenerationStore
{
    Task<long[]> ReadAsync(IReadOnlyList<string> areas, CancellationToken ct);

    Task BumpAsync(IReadOnlyCollection<string> areas);
}

/// <summary>One instance: the numbers are this process's own, read without any I/O.</summary>
internal sealed class LocalGenerationStore : IGenerationStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _generations = new();

    public Task<long[]> ReadAsync(IReadOnlyList<string> areas, CancellationToken ct) =>
        Task.FromResult(areas.Select(a => _generations.GetValueOrDefault(a)).ToArray());

    public Task BumpAsync(IReadOnlyCollection<string> areas)
    {
        foreach (var area in areas) _generations.AddOrUpdate(area, 1, (_, g) => g + 1);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Several instances: the numbers live in Redis, read once per request (one MGET) and moved with INCR, so that a
/// change committed on one instance is seen by the very next request on any other. A missing number starts at the
/// current time in milliseconds, so that numbers lost with Redis's memory never come back to an old value.
/// </summary>
internal sealed class RedisGenerationStore(Lazy<IConnectionMultiplexer> redis, TimeProvider clock) : IGenerationStore
{
    private const string Prefix = "rqiiac:generation:";

    public async Task<long[]> ReadAsync(IReadOnlyList<string> areas, CancellationToken ct)
    {
        var keys = areas.Select(a => (RedisKey)(Prefix + a)).ToArray();
        var db = redis.Value.GetDatabase();
        var values = await db.StringGetAsync(keys);
        if (values.Any(v => v.IsNull))
        {
            var start = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < keys.Length; i++)
                if (values[i].IsNull) await db.StringSetAsync(keys[i], start, when: When.NotExists);
            values = await db.StringGetAsync(keys);
        }
        return values.Select(v => (long)v).ToArray();
    }

    public async Task BumpAsync(IReadOnlyCollection<string> areas)
    {
        // Pipelined: an announcement's batch moves hundreds of members' bells at once.
        var db = redis.Value.GetDatabase();
        await Task.WhenAll(areas.Select(a => db.StringIncrementAsync(Prefix + a)));
    }
}

/// <summary>
/// The generations as this request sees them: read at the first cache the request consults and kept for the rest
/// of it, so that one page is made of copies of one moment. Outside a request (background work) each call reads.
/// </summary>
public sealed class ContentGenerations(IGenerationStore store, IEnumerable<CacheArea> registered, IHttpContextAccessor http, ILogger<ContentGenerations> logger)
{
    private static readonly object ItemKey = new();
    private static readonly object PersonalKey = new();
    private readonly string[] _areas = registered.Where(a => !a.IsPersonal).Select(a => a.Name).Distinct().Order(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Areas => _areas;

    /// <summary>
    /// The stamp of these areas now ("3.17"), or null when the numbers cannot be read (Redis away): the caller then
    /// neither uses nor keeps a copy.
    /// </summary>
    public async ValueTask<string?> StampAsync(IReadOnlyList<string> areas, CancellationToken ct = default)
    {
        var all = await CurrentAsync(ct);
        if (all is null) return null;
        return string.Join('.', areas.Select(a => Array.BinarySearch(_areas, a, StringComparer.Ordinal) is var i and >= 0
            ? all[i].ToString(CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Cache area '{a}' is not registered (AddCacheArea).")));
    }

    /// <summary>Every area's stamp: what a page cached whole depends on.</summary>
    public ValueTask<string?> StampAllAsync(CancellationToken ct = default) => StampAsync(_areas, ct);

    /// <summary>
    /// The stamp of one member's part of a personal area, read on its own (the request's first read happens before
    /// anyone is signed in) and kept for the rest of the request.
    /// </summary>
    public async ValueTask<string?> PersonalStampAsync(string area, string owner, CancellationToken ct = default)
    {
        var key = CacheArea.PersonalKey(area, owner);
        var items = http.HttpContext?.Items;
        var seen = items?[PersonalKey] as Dictionary<string, long>;
        if (seen?.TryGetValue(key, out var known) == true) return known.ToString(CultureInfo.InvariantCulture);
        long read;
        try { read = (await store.ReadAsync([key], ct))[0]; }
        catch (Exception e) when (e is RedisException or TimeoutException) { return null; }
        if (items is not null) (seen ??= (Dictionary<string, long>)(items[PersonalKey] = new Dictionary<string, long>()))[key] = read;
        return read.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Moves these generations on (area names, or <see cref="CacheArea.PersonalKey"/>s), once what changed them is
    /// committed; this request reads the numbers again after.
    /// </summary>
    /// <remarks>
    /// The change is committed already: a Redis that does not answer must not turn it into an error. Tried three
    /// times; past that the copies made before it live until their lifetime ends (minutes), and the log says so.
    /// </remarks>
    public async Task BumpAsync(IReadOnlyCollection<string> keys)
    {
        Forget();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.BumpAsync(keys);
                break;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                if (attempt == 3)
                {
                    logger.LogError(e, "Générations de cache non avancées ({Keys}) : les copies en mémoire vivront jusqu'à leur échéance.", string.Join(", ", keys.Take(5)));
                    break;
                }
                await Task.Delay(100 * attempt);
            }
        }
        Forget();
    }

    private void Forget()
    {
        http.HttpContext?.Items.Remove(ItemKey);
        http.HttpContext?.Items.Remove(PersonalKey);
    }

    private async ValueTask<long[]?> CurrentAsync(CancellationToken ct)
    {
        var items = http.HttpContext?.Items;
        if (items?[ItemKey] is long[] seen) return seen;
        long[]? read;
        try { read = await store.ReadAsync(_areas, ct); }
        catch (Exception e) when (e is RedisException or TimeoutException) { read = null; }
        if (items is not null && read is not null) items[ItemKey] = read;
        return read;
    }
}
