using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Taxonomy;

/// <summary>The vocabularies and their terms, kept in memory until a term or vocabulary changes (the "taxonomie" area).</summary>
public sealed class TaxonomyService(PortalDbContext db, GenerationalCache cache) : ITaxonomy
{
    public const string Area = "taxonomie";
    private static readonly string[] Areas = [Area];

    // The request's context is not touched here: opening it is most of what a page that only reads terms would pay.
    public Task<IReadOnlyList<VocabularyInfo>> GetAllAsync(CancellationToken ct = default) =>
        cache.GetOrLoadAsync("taxonomie:all", Areas, (services, token) => ReadAsync(services.GetRequiredService<PortalDbContext>(), token), TimeSpan.FromHours(1), ct);

    public Task<IReadOnlyList<VocabularyInfo>> ReadThroughAsync(CancellationToken ct = default) => ReadAsync(db, ct);

    private static async Task<IReadOnlyList<VocabularyInfo>> ReadAsync(PortalDbContext db, CancellationToken ct)
    {
        var vocabularies = await db.Set<Vocabulary>().AsNoTracking().Include(v => v.Terms).OrderBy(v => v.Order).ToListAsync(ct);
        return vocabularies.Select(v => new VocabularyInfo(v.Key, v.Name, v.IsOpen,
            v.Terms.OrderBy(t => t.Order).Select(t => new TermInfo(t.Id, t.Slug, t.Name)).ToList())).ToList();
    }

    public async Task<VocabularyInfo?> FindAsync(string key, CancellationToken ct = default) =>
        (await GetAllAsync(ct)).FirstOrDefault(v => v.Key == key);
}
