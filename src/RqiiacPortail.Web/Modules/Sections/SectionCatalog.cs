using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>
/// Sections are read on every request, so they are cached in memory. The cache is short-lived so that, with
/// several instances, a change made on one reaches the others within half a minute.
/// </summary>
public sealed class SectionCatalog(IServiceScopeFactory scopes, IMemoryCache cache) : ISectionCatalog
{
    private const string Key = "sections:all";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<SectionInfo>> GetAllAsync(CancellationToken ct = default) =>
        await cache.GetOrCreateAsync(Key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var sections = await db.Set<Section>().AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct);
            // Before the first recipe commits there is nothing worth keeping: ask again next time.
            if (!sections.Any(s => s.IsNational)) entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMilliseconds(1);
            return (IReadOnlyList<SectionInfo>)sections.Select(s => s.ToInfo()).ToList();
        }) ?? [];

    public async Task<SectionInfo?> FindAsync(int id, CancellationToken ct = default) =>
        (await GetAllAsync(ct)).FirstOrDefault(s => s.Id == id);

    public void Invalidate() => cache.Remove(Key);
}
