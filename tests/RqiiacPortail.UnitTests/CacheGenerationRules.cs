using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RqiiacPortail.Web.Infrastructure.Caching;
using StackExchange.Redis;

namespace RqiiacPortail.UnitTests;

/// <summary>Copies kept under generations: made again once an area moves; never kept while the numbers cannot be read.</summary>
public sealed class CacheGenerationRules
{
    private sealed class Store : IGenerationStore
    {
        private readonly Dictionary<string, long> _numbers = [];
        public bool Away { get; set; }

        public Task<long[]> ReadAsync(IReadOnlyList<string> areas, CancellationToken ct) => Away
            ? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis absent")
            : Task.FromResult(areas.Select(a => _numbers.GetValueOrDefault(a)).ToArray());

        public Task BumpAsync(IReadOnlyCollection<string> areas)
        {
            if (Away) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis absent");
            foreach (var area in areas) _numbers[area] = _numbers.GetValueOrDefault(area) + 1;
            return Task.CompletedTask;
        }
    }

    private static (GenerationalCache Cache, ContentGenerations Generations, Store Store) Site()
    {
        var store = new Store();
        // Outside a request (no HttpContext) every call reads the numbers afresh.
        var generations = new ContentGenerations(store, [new CacheArea("outils", [])], new HttpContextAccessor(), NullLogger<ContentGenerations>.Instance);
        var scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
        return (new GenerationalCache(new MemoryCache(new MemoryCacheOptions()), generations, scopes), generations, store);
    }

    [Fact]
    public async Task ACopy_IsMadeAgain_OnlyOnceItsAreaMoved()
    {
        var (cache, generations, _) = Site();
        var loads = 0;
        Task<int> Load() => cache.GetOrLoadAsync("cle", ["outils"], (_, _) => Task.FromResult(++loads), TimeSpan.FromHours(1));

        Assert.Equal(1, await Load());
        Assert.Equal(1, await Load());
        await generations.BumpAsync(["outils"]);
        Assert.Equal(2, await Load());
        Assert.Equal(2, await Load());
    }

    [Fact]
    public async Task WhileRedisIsAway_NothingIsKept_AndACommittedChangeIsNoError()
    {
        var (cache, generations, store) = Site();
        var loads = 0;
        Task<int> Load() => cache.GetOrLoadAsync("cle", ["outils"], (_, _) => Task.FromResult(++loads), TimeSpan.FromHours(1));
        store.Away = true;

        Assert.Null(await generations.StampAllAsync());
        Assert.Equal(1, await Load());
        Assert.Equal(2, await Load());
        await generations.BumpAsync(["outils"]);
    }
}
