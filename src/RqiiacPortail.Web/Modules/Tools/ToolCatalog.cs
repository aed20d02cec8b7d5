using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// Every section's published tools as lists show them (files without their text, terms), newest first, with each
/// tool's value in every facet of the library worked out once. Kept in memory until a tool, a file, a term or the
/// taxonomy changes (on any instance); download counts, which move without that, are at most a few minutes old.
/// The tools are shared by every request: read them, never change them.
/// </summary>
public sealed class ToolCatalog(GenerationalCache cache, ITaxonomy taxonomy, MarkdownRenderer markdown)
{
    public const string Area = "outils";
    private static readonly string[] Areas = [Area, Taxonomy.TaxonomyService.Area];

    public sealed record Snapshot(IReadOnlyList<Tool> Newest, IReadOnlyDictionary<int, IReadOnlyDictionary<string, string[]>> Facets,
        IReadOnlyDictionary<int, string> Excerpts)
    {
        /// <summary>The beginning of the tool's summary as plain text, for its card.</summary>
        public string ExcerptOf(Tool tool) => Excerpts.GetValueOrDefault(tool.Id, "");

        /// <summary>The tool's values in one facet (its section, licence, kinds of file, terms of a vocabulary).</summary>
        public IReadOnlyList<string> ValuesOf(Tool tool, string facet) =>
            Facets.TryGetValue(tool.Id, out var all) && all.TryGetValue(facet, out var values) ? values : [];
    }

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
            .Include(t => t.Files).Include(t => t.Terms).AsSplitQuery()
            .OrderByDescending(t => t.PublishedAt).ThenByDescending(t => t.Id).ToListAsync(ct);
        var termFacet = vocabularies.Where(v => ToolsModule.DescribingVocabularies.Contains(v.Key))
            .SelectMany(v => v.Terms.Select(t => (t.Id, Facet: ToolSearchSource.FacetKey(v.Key), t.Slug))).ToDictionary(t => t.Id);
        var facets = tools.ToDictionary(t => t.Id, t =>
        {
            var values = new Dictionary<string, string[]>
            {
                ["section"] = [t.SectionId.ToString(CultureInfo.InvariantCulture)],
                ["licence"] = [t.Licence],
                ["fichier"] = t.PublishedFiles.Select(f => f.Kind).Distinct().ToArray(),
            };
            foreach (var group in t.Terms.Where(x => termFacet.ContainsKey(x.TermId)).Select(x => termFacet[x.TermId]).GroupBy(x => x.Facet))
                values[group.Key] = group.Select(x => x.Slug).ToArray();
            return (IReadOnlyDictionary<string, string[]>)values;
        });
        return new Snapshot(tools, facets, tools.ToDictionary(t => t.Id, t => markdown.Excerpt(t.Summary)));
    }
}
