using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// Runs a reader's query: words in title and text (title weighs more), "quoted phrases" and -exclusions, the
/// chosen facet filters, and a visibility filter applied inside the query, so what the reader may not open
/// never shows, not even in the counts.
/// </summary>
internal sealed class SearchService(SearchIndex index, Microsoft.Extensions.Options.IOptions<SearchOptions> options, ILogger<SearchService> logger,
    IEnumerable<SearchFacet> declared) : ISearch
{
    /// <summary>The facets every document has (its type and section), then those the modules declared.</summary>
    public static readonly IReadOnlyList<string> BuiltInFacets = ["type", "section"];

    private readonly IReadOnlyList<string> _facetKeys = BuiltInFacets.Concat(declared.Select(f => f.Key)).Distinct().ToList();
    private const int MaxPageSize = 50;

    // Analyzers are thread-safe and keep their token streams per thread: one is enough.
    private static readonly PortalFrenchAnalyzer Analyzer = new();

    // One filter per kind of reader (visitor, member, member of sections 3 and 14…), cached per index segment,
    // so the visibility of 100,000 documents is worked out once rather than at every query.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Filter> _visibility = new();
    private const int MaxVisibilityFilters = 512;

    public Task<SearchResults> SearchAsync(SearchQuery query, SearchReader reader, CancellationToken ct = default)
    {
        var text = (query.Text ?? "").Trim();
        if (text.Length == 0) return Task.FromResult(SearchResults.Empty);
        if (text.Length > 200) text = text[..200];

        var (parsed, problem) = Parse(text);
        if (parsed is null) return Task.FromResult(SearchResults.Empty with { Problem = problem });

        var filtered = new BooleanQuery { { parsed, Occur.MUST } };
        foreach (var (facet, value) in query.Filters)
            filtered.Add(new TermQuery(new Term(IndexFields.FacetPrefix + facet, value)), Occur.MUST);
        Query visible = reader.SeesAll ? filtered : new FilteredQuery(filtered, VisibilityFilter(reader));

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, query.Page);
        try
        {
            return Task.FromResult(Run(visible, parsed, page, pageSize, problem, ct));
        }
        catch (SearchBudgetExceededException)
        {
            logger.LogWarning("Recherche arrêtée après {Budget} : « {Text} ».", options.Value.QueryTimeout, text);
            return Task.FromResult(SearchResults.Empty with { Problem = "Cette recherche demande trop de travail : précisez-la avec d'autres mots." });
        }
    }

    private SearchResults Run(Query visible, Query parsed, int page, int pageSize, string? problem, CancellationToken ct) =>
        index.Search(searcher =>
        {
            var top = TopScoreDocCollector.Create(page * pageSize, true);
            var facets = new FacetCollector(_facetKeys, options.Value.ExactFacetCounts, Math.Max(1, options.Value.FacetSampleEvery));
            searcher.Search(visible, new SearchBudget(MultiCollector.Wrap(top, facets), options.Value.QueryTimeout, ct));
            var docs = top.GetTopDocs((page - 1) * pageSize, pageSize);

            var terms = new HashSet<Term>();
            searcher.Rewrite(parsed).ExtractTerms(terms);
            var words = terms.Where(t => t.Field is IndexFields.Text or IndexFields.Title).Select(t => t.Text).ToHashSet();

            var hits = docs.ScoreDocs.Select(sd =>
            {
                var d = searcher.Doc(sd.Doc);
                var (snippet, passage) = Snippets.MakeWithPassage(d.Get(IndexFields.Excerpts) ?? "", words);
                var labels = (d.Get(IndexFields.PassageLabels) ?? "").Split('\n');
                return new SearchHit(d.Get(IndexFields.Type), d.Get(IndexFields.Id), int.Parse(d.Get(IndexFields.Section), CultureInfo.InvariantCulture),
                    d.Get(IndexFields.Title), d.Get(IndexFields.Url),
                    DateTimeOffset.FromUnixTimeSeconds(d.GetField(IndexFields.Date).GetInt64Value() ?? 0),
                    snippet, passage < labels.Length && labels[passage].Length > 0 ? labels[passage] : null);
            }).ToList();

            var counts = facets.Counts().ToDictionary(kv => kv.Key,
                kv => (IReadOnlyList<FacetValue>)kv.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal)
                    .Select(v => new FacetValue(v.Key, v.Value)).ToList());
            return new SearchResults(top.TotalHits, hits, counts, problem, facets.Approximate);
        });

    /// <summary>Reads the query as typed; if that fails (« (( », a lone « * »), reads it literally and says so.</summary>
    internal static (Query? Query, string? Problem) Parse(string text)
    {
        BoundedQueryParser Parser() => new([IndexFields.Title, IndexFields.Text], Analyzer,
            new Dictionary<string, float> { [IndexFields.Title] = 3f, [IndexFields.Text] = 1f })
        {
            DefaultOperator = Operator.AND,
            AllowLeadingWildcard = false,
        };
        try
        {
            return Usable(Parser().Parse(text), null);
        }
        catch (ParseException e)
        {
            try
            {
                return Usable(Parser().Parse(QueryParserBase.Escape(text)), Refusal(e)?.Message ?? "Certains signes de la recherche ont été ignorés.");
            }
            catch (ParseException)
            {
                return (null, "Cette recherche n'a pas pu être comprise. Essayez avec quelques mots.");
            }
        }
    }

    // The parser wraps what its hooks throw in a ParseException of its own.
    private static RefusedSyntaxException? Refusal(Exception? e) =>
        e is null ? null : e as RefusedSyntaxException ?? Refusal(e.InnerException);

    // A query of only stop words or exclusions matches nothing useful: say so rather than list everything.
    private static (Query?, string?) Usable(Query query, string? problem) =>
        query is BooleanQuery { Clauses.Count: 0 } || query is BooleanQuery b && b.Clauses.All(c => c.Occur == Occur.MUST_NOT)
            ? (null, (problem is null ? "" : problem + " ") + "Ajoutez au moins un mot à chercher (les mots très courants comme « le » ou « et » sont ignorés).")
            : (query, problem);

    private Filter VisibilityFilter(SearchReader reader)
    {
        var key = string.Join(',', reader.Audiences.All.Select(a => a.Key).Order(StringComparer.Ordinal));
        if (_visibility.TryGetValue(key, out var cached)) return cached;
        // Unusual combinations of sections could pile up: start over rather than grow without end.
        if (_visibility.Count >= MaxVisibilityFilters) _visibility.Clear();
        return _visibility.GetOrAdd(key, _ => new CachingWrapperFilter(new QueryWrapperFilter(VisibilityFor(reader))));
    }

    private static Query VisibilityFor(SearchReader reader)
    {
        // A document is found by whoever belongs to its audience, whichever module contributed that kind.
        var allowed = new BooleanQuery();
        foreach (var audience in reader.Audiences.All) allowed.Add(new TermQuery(new Term(IndexFields.Visibility, audience.Key)), Occur.SHOULD);
        return allowed;
    }
}
