using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>
/// Sections are read on every request, so they are kept in memory, made again by the request after a committed
/// change to any section, on every instance (the "sections" cache area).
/// </summary>
public sealed class SectionCatalog(GenerationalCache cache) : ISectionCatalog
{
    public const string Area = "sections";
    private static readonly string[] Areas = [Area];

    public Task<IReadOnlyList<SectionInfo>> GetAllAsync(CancellationToken ct = default) =>
        cache.GetOrLoadAsync<IReadOnlyList<SectionInfo>>("sections:all", Areas, async (services, token) =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var sections = await db.Set<Section>().AsNoTracking().OrderBy(s => s.Code).ToListAsync(token);
            return sections.Select(s => s.ToInfo()).ToList();
        }, TimeSpan.FromHours(1), ct);

    public async Task<SectionInfo?> FindAsync(int id, CancellationToken ct = default) =>
        (await GetAllAsync(ct)).FirstOrDefault(s => s.Id == id);
}
