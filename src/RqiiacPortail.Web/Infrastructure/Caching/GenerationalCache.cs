using Microsoft.Extensions.Caching.Memory;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// In-memory copies of what many requests read, each kept with the generations of its areas: a copy is used
/// while they are current and made again, once for all the requests waiting on it, when one has moved. The copy
/// is made in a scope of its own and is never cancelled by the request that happened to ask first.
/// </summary>
public sealed class GenerationalCache(IMemoryCache memory, ContentGenerations generations, IServiceScopeFactory scopes)
{
    private sealed record Entry<T>(string Stamp, Lazy<Task<T>> Value);

    private readonly Lock _making = new();

    /// <param name="lifetime">How long a copy may stay unused-by-change before it is made again anyway (counts that move
    /// without a generation, such as downloads).</param>
    public async Task<T> GetOrLoadAsync<T>(string key, IReadOnlyList<string> areas, Func<IServiceProvider, CancellationToken, Task<T>> load,
        TimeSpan lifetime, CancellationToken ct = default) =>
        await GetOrLoadAsync(key, await generations.StampAsync(areas, ct), load, lifetime, ct);

    /// <summary>A copy of one member's own (their unread count), made again when their part of a personal area moves.</summary>
    public async Task<T> GetOrLoadPersonalAsync<T>(string key, string area, string owner, Func<IServiceProvider, CancellationToken, Task<T>> load,
        TimeSpan lifetime, CancellationToken ct = default) =>
        await GetOrLoadAsync(key, await generations.PersonalStampAsync(area, owner, ct), load, lifetime, ct);

    private async Task<T> GetOrLoadAsync<T>(string key, string? stamp, Func<IServiceProvider, CancellationToken, Task<T>> load, TimeSpan lifetime, CancellationToken ct)
    {
        if (stamp is null) return await LoadAsync(load, ct);

        if (memory.TryGetValue(key, out Entry<T>? entry) && entry!.Stamp == stamp)
        {
            try { return await entry.Value.Value.WaitAsync(ct); }
            catch (Exception) when (entry.Value.Value.IsFaulted) { memory.Remove(key); throw; }
        }

        var fresh = new Entry<T>(stamp, new Lazy<Task<T>>(() => LoadAsync(load, CancellationToken.None)));
        lock (_making)
        {
            // Two requests missing at once share one copy.
            if (memory.TryGetValue(key, out Entry<T>? other) && other!.Stamp == stamp) fresh = other;
            else memory.Set(key, fresh, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime });
        }
        T value;
        try { value = await fresh.Value.Value.WaitAsync(ct); }
        catch (Exception) when (fresh.Value.Value.IsFaulted) { memory.Remove(key); throw; }
        // Nothing found is not kept: made-up ids would otherwise fill memory with empty copies.
        if (value is null) memory.Remove(key);
        return value;
    }

    /// <summary>Drops a copy now (a count read with it moved), whatever the generations say.</summary>
    public void Forget(string key) => memory.Remove(key);

    private async Task<T> LoadAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> load, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await load(scope.ServiceProvider, ct);
    }
}
