using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Search.Contracts;

/// <summary>
/// What every source of database rows shares, so that a module writes only its query and its document: a
/// document's id is its row's integer key (<c>Id</c>), a rebuild reads the rows one at a time by id (no reader
/// left open while a document is made, which may query again), and the terms describing a row become
/// passages and facets alike (<see cref="DescribingTerms"/>).
/// </summary>
public abstract class EntitySearchSource<TEntity>(ITaxonomy taxonomy) : ISearchSource where TEntity : class
{
    public abstract string Type { get; }

    public abstract string Label { get; }

    public virtual int Version => 1;

    /// <summary>The rows that are documents (the published ones), with what making a document needs included.</summary>
    protected abstract IQueryable<TEntity> Query();

    protected abstract Task<SearchDocument> ToDocumentAsync(TEntity row, DescribingTerms terms, CancellationToken ct);

    public async Task<SearchDocument?> LoadAsync(string id, CancellationToken ct)
    {
        if (!int.TryParse(id, CultureInfo.InvariantCulture, out var key)) return null;
        var row = await Query().FirstOrDefaultAsync(r => EF.Property<int>(r, "Id") == key, ct);
        return row is null ? null : await ToDocumentAsync(row, await DescribingTerms.LoadAsync(taxonomy, ct), ct);
    }

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var terms = await DescribingTerms.LoadAsync(taxonomy, ct);
        var ids = await Query().Select(r => EF.Property<int>(r, "Id")).OrderBy(id => id).ToListAsync(ct);
        foreach (var id in ids)
            if (await Query().FirstOrDefaultAsync(r => EF.Property<int>(r, "Id") == id, ct) is { } row)
                yield return await ToDocumentAsync(row, terms, ct);
    }
}

/// <summary>The reference framework's terms by id, read once per load or rebuild, and what a row's terms give a document.</summary>
public sealed class DescribingTerms
{
    private readonly Dictionary<int, (string Vocabulary, TermInfo Term)> _all;

    private DescribingTerms(Dictionary<int, (string Vocabulary, TermInfo Term)> all) => _all = all;

    public static async Task<DescribingTerms> LoadAsync(ITaxonomy taxonomy, CancellationToken ct) =>
        new((await taxonomy.GetAllAsync(ct)).SelectMany(v => v.Terms.Select(t => (v.Key, t))).ToDictionary(x => x.t.Id, x => (x.Key, x.t)));

    /// <summary>The terms of these ids that still exist, with their vocabularies.</summary>
    public IReadOnlyList<(string Vocabulary, TermInfo Term)> Of(IEnumerable<int> termIds) =>
        termIds.Select(id => _all.GetValueOrDefault(id)).Where(t => t.Term is not null).ToList();

    /// <summary>The terms' slugs by facet key (<c>approche</c>: …), what the search page filters on.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Facets(IEnumerable<(string Vocabulary, TermInfo Term)> described) =>
        described.GroupBy(d => FacetKeys.Of(d.Vocabulary)).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(d => d.Term.Slug).ToList());
}
