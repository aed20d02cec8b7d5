using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Taxonomy;

public sealed class TaxonomyService(PortalDbContext db) : ITaxonomy
{
    public async Task<IReadOnlyList<VocabularyInfo>> GetAllAsync(CancellationToken ct = default)
    {
        var vocabularies = await db.Set<Vocabulary>().AsNoTracking().Include(v => v.Terms).OrderBy(v => v.Order).ToListAsync(ct);
        return vocabularies.Select(v => new VocabularyInfo(v.Key, v.Name, v.IsOpen,
            v.Terms.OrderBy(t => t.Order).Select(t => new TermInfo(t.Id, t.Slug, t.Name)).ToList())).ToList();
    }

    public async Task<VocabularyInfo?> FindAsync(string key, CancellationToken ct = default) =>
        (await GetAllAsync(ct)).FirstOrDefault(v => v.Key == key);
}
