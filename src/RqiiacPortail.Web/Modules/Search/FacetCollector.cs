using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// Counts facet values over the matching documents (not just the page shown), from the SortedSet doc values
/// written at indexing: every one of the first <paramref name="exactUpTo"/>, then one in <paramref name="sampleEvery"/>
/// weighing that many (<see cref="Approximate"/> then says so). Lucene.Net.Facet is not available here; this is
/// the part of it we need.
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> facets, int exactUpTo = int.MaxValue, int sampleEvery = 1) : ICollector
{
    private int _seen;

    /// <summary>Whether the counts were sampled past the exact ones.</summary>
    public bool Approximate => _seen > exactUpTo && sampleEvery > 1;

    private readonly Dictionary<string, Dictionary<string, int>> _counts = facets.ToDictionary(f => f, _ => new Dictionary<string, int>());
    private readonly List<(string Facet, SortedSetDocValues Values, int[] Counts)> _segment = [];

    // Facets with one value per document in this segment (type, section): the codec stores them as plain sorted
    // values, read with one lookup instead of an iteration.
    private readonly List<(SortedDocValues Values, int[] Counts)> _single = [];
    private readonly List<(SortedSetDocValues Values, int[] Counts)> _multi = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) { }

    private int _docBase;

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        _docBase = context.DocBase;
        foreach (var facet in facets)
        {
            var values = context.AtomicReader.GetSortedSetDocValues(IndexFields.FacetPrefix + facet);
            if (values is null) continue;
            var counts = new int[values.ValueCount];
            _segment.Add((facet, values, counts));
            if (DocValues.UnwrapSingleton(values) is { } single) _single.Add((single, counts));
            else _multi.Add((values, counts));
        }
    }

    public void Collect(int doc)
    {
        var weight = 1;
        if (++_seen > exactUpTo)
        {
            // Chosen by a hash of the document, not one in every k: documents indexed in a rhythm (one of each
            // kind in turn) would otherwise all be counted for one kind.
            if (((uint)(_docBase + doc) * 2654435761u >> 16) % (uint)sampleEvery != 0) return;
            weight = sampleEvery;
        }
        foreach (var (values, counts) in _single)
            if (values.GetOrd(doc) is var ord and >= 0) counts[ord] += weight;
        foreach (var (values, counts) in _multi)
        {
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS) counts[ord] += weight;
        }
    }

    public IReadOnlyDictionary<string, Dictionary<string, int>> Counts()
    {
        FlushSegment();
        return _counts;
    }

    // Ordinals are per segment: turn them into values before moving on.
    private void FlushSegment()
    {
        var term = new BytesRef();
        foreach (var (facet, values, counts) in _segment)
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] == 0) continue;
                values.LookupOrd(ord, term);
                var key = term.Utf8ToString();
                _counts[facet][key] = _counts[facet].GetValueOrDefault(key) + counts[ord];
            }
        _segment.Clear();
        _single.Clear();
        _multi.Clear();
    }
}
