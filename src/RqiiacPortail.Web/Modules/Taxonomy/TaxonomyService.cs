using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Taxonomy;

/// <summary>
/// The vocabularies and their terms, kept in memory until a term or vocabulary changes (the "taxonomie" area).
/// Inside a unit of work that is still open (a recipe adding terms, then tools described with them), read through
/// it, so that it sees its own terms.
/// </summary>
public sealed class TaxonomyService(PortalDbContext db, GenerationalCache cache) : ITaxonomy
{
    public const string Area = "taxonomie";
    private static readonly string[] Areas = [Area];

    public Task<IReadOnlyList<VocabularyInfo>> GetAllAsync(CancellationToken ct = default) =>
        db.Database.CurrentTransaction is not null
            ? ReadAsync(db, ct)
            : cache.GetOrLoadAsync("taxonomie:all", Areas, (services, token) => ReadAsync(services.GetRequiredService<PortalDbContext>(), token), TimeSpan.FromHours(1), ct);

    private static async Task<IReadOnlyList<VocabularyInfo>> ReadAsync(PortalDbContext db, CancellationToken ct)
    {
        var vocabularies = await db.Set<Vocabulary>().AsNoTracking().Include(v => v.Terms).OrderBy(v => v.Order).ToListAsync(ct);
        return vocabularies.Select(v => new VocabularyInfo(v.Key, v.Name, v.IsOpen,
            v.Terms.OrderBy(t => t.Order).Select(t => new TermInfo(t.Id, t.Slug, t.Name)).ToList())).ToList();
    }

    public async Task<VocabularyInfo?> FindAsync(string key, CancellationToken ct = default) =>
        (await GetAllAsync(ct)).FirstOrDefault(v => v.Key == key);
}
