using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// Every section's published tools as their pages show them (files without their text, terms, links), newest first, with each
/// tool's values in every facet of the library worked out once, as small numbers (the way Lucene's doc values
/// are) so that filtering and counting thousands of tools is a pass over arrays. Kept in memory until a tool, a
/// file, a term or the taxonomy changes (on any instance); download counts, which move without that, are at most
/// a few minutes old. The tools are shared by every request: read them, never change them.
/// </summary>
public sealed class ToolCatalog(GenerationalCache cache, ITaxonomy taxonomy, MarkdownRenderer markdown)
{
    public const string Area = "outils";
    private static readonly string[] Areas = [Area, Taxonomy.TaxonomyService.Area];

    public async Task<Snapshot> PublishedAsync(CancellationToken ct)
    {
        // Read first in this request, so that the copy and the vocabularies it was made with are of one moment.
        var vocabularies = await taxonomy.GetAllAsync(ct);
        return await cache.GetOrLoadAsync("outils:publies", Areas, (services, token) => ReadAsync(services.GetRequiredService<PortalDbContext>(), vocabularies, markdown, token),
            TimeSpan.FromMinutes(5), ct);
    }

    private static async Task<Snapshot> ReadAsync(PortalDbContext db, IReadOnlyList<VocabularyInfo> vocabularies, MarkdownRenderer markdown, CancellationToken ct)
    {
        var tools = await db.Set<Tool>().AcrossSections().AsNoTracking().Where(t => t.Status == ToolStatus.Published)
            .Include(t => t.Files).Include(t => t.Terms).Include(t => t.Links).AsSplitQuery()
            .OrderByDescending(t => t.PublishedAt).ThenByDescending(t => t.Id).ToListAsync(ct);
        return new Snapshot(tools, vocabularies, markdown);
    }

    /// <summary>One moment of the catalog. Facets: each describing vocabulary's key, then section, licence, kind of file.</summary>
    public sealed class Snapshot
    {
        private readonly string[] _facets;
        private readonly List<string>[] _values;
        private readonly Dictionary<string, int>[] _ordinals;
        private readonly int[][][] _toolValues;
        private readonly Dictionary<int, string> _excerpts;
        private readonly Dictionary<int, string> _keys;

        public Snapshot(IReadOnlyList<Tool> newest, IReadOnlyList<VocabularyInfo> vocabularies, MarkdownRenderer markdown)
        {
            Newest = newest;
            _byId = newest.ToDictionary(t => t.Id);
            _authors = newest.Select(t => t.CreatedById).ToHashSet(StringComparer.Ordinal);
            _markdown = markdown;
            var describing = vocabularies.Where(v => ToolsModule.DescribingVocabularies.Contains(v.Key)).ToList();
            _facets = [.. describing.Select(v => ToolSearchSource.FacetKey(v.Key)), "section", "licence", "fichier"];
            _values = _facets.Select(_ => new List<string>()).ToArray();
            _ordinals = _facets.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
            var termFacet = describing.SelectMany((v, i) => v.Terms.Select(t => (t.Id, Facet: i, t.Slug))).ToDictionary(t => t.Id);
            var (section, licence, file) = (_facets.Length - 3, _facets.Length - 2, _facets.Length - 1);
            _toolValues = newest.Select(t =>
            {
                var values = _facets.Select(_ => new List<int>()).ToArray();
                values[section].Add(Ordinal(section, t.SectionId.ToString(CultureInfo.InvariantCulture)));
                values[licence].Add(Ordinal(licence, t.Licence));
                foreach (var kind in t.PublishedFiles.Select(f => f.Kind).Distinct()) values[file].Add(Ordinal(file, kind));
                foreach (var term in t.Terms)
                    if (termFacet.TryGetValue(term.TermId, out var described)) values[described.Facet].Add(Ordinal(described.Facet, described.Slug));
                return values.Select(v => v.Distinct().ToArray()).ToArray();
            }).ToArray();
            _excerpts = newest.ToDictionary(t => t.Id, t => markdown.Excerpt(t.Summary));
            _keys = newest.ToDictionary(t => t.Id, t => Infrastructure.Web.IdSlugConstraint.Key(t.Id, t.Title));
        }

        private readonly Dictionary<int, Tool> _byId;
        private readonly HashSet<string> _authors;

        /// <summary>Whether this member shared one of the published tools (an author sees their own wherever it went).</summary>
        public bool HasAuthor(string userId) => _authors.Contains(userId);
        private readonly MarkdownRenderer _markdown;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Microsoft.AspNetCore.Html.IHtmlContent> _summaries = new();

        /// <summary>Newest first.</summary>
        public IReadOnlyList<Tool> Newest { get; }

        /// <summary>A published tool by its id, or null.</summary>
        public Tool? Find(int id) => _byId.GetValueOrDefault(id);

        /// <summary>The tool's summary as sanitized HTML, made at its first reading (sanitizing is the costly part of a page).</summary>
        public Microsoft.AspNetCore.Html.IHtmlContent SummaryOf(Tool tool) =>
            _byId.ContainsKey(tool.Id) ? _summaries.GetOrAdd(tool.Id, _ => _markdown.Render(tool.Summary)) : _markdown.Render(tool.Summary);

        /// <summary>The library's facets, in the order it shows them.</summary>
        public IReadOnlyList<string> Facets => _facets;

        /// <summary>The tool's address key (« 12-grille-d-animation »), its title's slug made once.</summary>
        public string KeyOf(Tool tool) => _keys.TryGetValue(tool.Id, out var key) ? key : Infrastructure.Web.IdSlugConstraint.Key(tool.Id, tool.Title);

        /// <summary>The beginning of the tool's summary as plain text, for its card.</summary>
        public string ExcerptOf(Tool tool) => _excerpts.GetValueOrDefault(tool.Id, "");

        /// <summary>
        /// The tools <paramref name="include"/> lets through that pass every chosen facet (any chosen value of a
        /// facet passes it), newest first, and each facet's counts: a tool failing no facet counts in every facet,
        /// one failing exactly one counts in that one only (choosing there would bring it in), so that each count
        /// says what choosing the value would add.
        /// </summary>
        public (List<Tool> Results, Dictionary<string, Dictionary<string, int>> Counts) Narrow(Func<Tool, bool> include,
            IEnumerable<(string Facet, IReadOnlyList<string> Values)> chosen)
        {
            // A chosen value the catalog does not know matches nothing.
            var masks = new bool[]?[_facets.Length];
            foreach (var (facet, values) in chosen)
            {
                var f = Array.IndexOf(_facets, facet);
                if (f < 0) continue;
                var mask = masks[f] ??= new bool[_values[f].Count];
                foreach (var value in values) if (_ordinals[f].TryGetValue(value, out var ordinal)) mask[ordinal] = true;
            }

            var counts = _values.Select(v => new int[v.Count]).ToArray();
            var results = new List<Tool>();
            for (var i = 0; i < Newest.Count; i++)
            {
                var tool = Newest[i];
                if (!include(tool)) continue;
                var values = _toolValues[i];
                var failed = -1;
                var failures = 0;
                for (var f = 0; f < masks.Length && failures < 2; f++)
                {
                    if (masks[f] is not { } mask || Passes(values[f], mask)) continue;
                    failed = f;
                    failures++;
                }
                if (failures > 1) continue;
                if (failures == 0) results.Add(tool);
                for (var f = 0; f < values.Length; f++)
                    if (failed < 0 || f == failed)
                        foreach (var ordinal in values[f]) counts[f][ordinal]++;
            }

            var byFacet = new Dictionary<string, Dictionary<string, int>>();
            for (var f = 0; f < _facets.Length; f++)
            {
                var facet = byFacet[_facets[f]] = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var ordinal = 0; ordinal < counts[f].Length; ordinal++)
                    if (counts[f][ordinal] > 0) facet[_values[f][ordinal]] = counts[f][ordinal];
            }
            return (results, byFacet);
        }

        private static bool Passes(int[] values, bool[] mask)
        {
            foreach (var ordinal in values) if (mask[ordinal]) return true;
            return false;
        }

        private int Ordinal(int facet, string value)
        {
            if (_ordinals[facet].TryGetValue(value, out var ordinal)) return ordinal;
            _values[facet].Add(value);
            return _ordinals[facet][value] = _values[facet].Count - 1;
        }
    }
}
