using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools.Pages;

/// <summary>
/// Browse the tools a reader may open: in a section its own (the section query filter), nationally every
/// section's (read across sections on purpose). Filters on every facet, several values of one facet at a time; a
/// facet's counts are those of the results filtered on every other facet, so that each count says what choosing the
/// value would add.
/// </summary>
[SectionFeature(ToolsModule.Feature)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPagePolicy.Name)]
[Infrastructure.Caching.KeptForReaders(Vary = ToolPagesVary.Library)]
public sealed class IndexModel(ToolCatalog published, ToolAccess access, ISectionContext section, ISectionCatalog catalog, ITaxonomy taxonomy,
    IAuthorizationService authorization) : PageModel
{
    private const int PageSize = 24;

    private ToolCatalog.Snapshot? _library;

    public string Excerpt(Tool tool) => _library?.ExcerptOf(tool) ?? "";

    public sealed record FacetChoice(string Value, string Label, int Count, bool Chosen);
    public sealed record Facet(string Key, string Label, IReadOnlyList<FacetChoice> Values);

    [BindProperty(SupportsGet = true)] public string Tri { get; set; } = "recents";
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;

    public LibraryFilters Filters { get; private set; } = LibraryFilters.None;
    public IReadOnlyList<Tool> Tools { get; private set; } = [];
    public IReadOnlyList<Facet> Facets { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => (int)Math.Ceiling(Total / (double)PageSize);
    public string? SectionName => section.Current.IsNational ? null : section.Current.Name;
    public bool CanShare { get; private set; }
    private IReadOnlyList<SectionInfo> _sections = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        _sections = await catalog.GetAllAsync(ct);
        var vocabularies = (await taxonomy.GetAllAsync(ct)).Where(v => ToolsModule.DescribingVocabularies.Contains(v.Key)).ToList();
        var termFacets = vocabularies.Select(v => (Key: ToolSearchSource.FacetKey(v.Key), v.Name, Terms: v.Terms)).ToList();
        var keys = termFacets.Select(f => f.Key).Concat(["section", "licence", "fichier"]).ToList();
        Filters = LibraryFilters.From(Request.Query, keys);
        CanShare = await authorization.CanAsync(User, ToolsPermissions.Share);

        var reader = await access.ReaderAsync(User);
        var library = _library = await published.PublishedAsync(ct);
        var here = section.Current;
        var (results, counted) = library.Narrow(t => (here.IsNational || t.SectionId == here.Id) && reader.CanView(t), Filters.ByFacet);

        string LabelOf(string key, string value) => key switch
        {
            "section" => _sections.FirstOrDefault(s => s.Id.ToString(CultureInfo.InvariantCulture) == value)?.Name ?? value,
            "licence" => Licences.Short(value),
            "fichier" => FileInspector.Accepted.FirstOrDefault(k => k.Key == value)?.Label ?? value,
            _ => termFacets.First(f => f.Key == key).Terms.FirstOrDefault(t => t.Slug == value)?.Name ?? value,
        };
        var labels = termFacets.ToDictionary(f => f.Key, f => f.Name);
        labels["section"] = "Section"; labels["licence"] = "Licence"; labels["fichier"] = "Type de fichier";
        Facets = keys.Where(k => k != "section" || section.Current.IsNational).Select(key =>
        {
            var counts = counted.TryGetValue(key, out var known) ? known : new Dictionary<string, int>();
            // A chosen value stays listed (and can be taken away) even when nothing else matches it now.
            foreach (var (facet, value) in Filters.All) if (facet == key) counts.TryAdd(value, 0);
            return new Facet(key, labels[key], counts
                .Select(c => new FacetChoice(c.Key, LabelOf(key, c.Key), c.Value, Filters.IsChosen(key, c.Key)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Label, FrenchText.Comparer).ToList());
        }).ToList();
        Chosen = Facets.SelectMany(f => f.Values.Where(v => v.Chosen).Select(v => (f, v))).ToList();

        IEnumerable<Tool> sorted = Tri switch
        {
            "telechargements" => results.OrderByDescending(t => t.Downloads).ThenByDescending(t => t.PublishedAt),
            "titre" => results.OrderBy(t => t.Title, FrenchText.Comparer),
            // The catalog is newest first already.
            _ => results,
        };
        Total = results.Count;
        P = Math.Clamp(P, 1, Math.Max(1, Pages));
        Tools = sorted.Skip((P - 1) * PageSize).Take(PageSize).ToList();
    }

    public string SectionOf(Tool t) => _sections.FirstOrDefault(s => s.Id == t.SectionId)?.Name ?? "";

    public string ToolUrl(Tool t) => $"{_sections.FirstOrDefault(s => s.Id == t.SectionId)?.PathPrefix}/outils/{_library?.KeyOf(t) ?? IdSlugConstraint.Key(t.Id, t.Title)}";

    /// <summary>The chosen values, in the facets' order, for the removable chips above the results.</summary>
    public IReadOnlyList<(Facet Facet, FacetChoice Choice)> Chosen { get; private set; } = [];

    private string Library => $"{Request.PathBase}/outils";

    /// <summary>The library with this value chosen, or taken away when it was; back to the first page.</summary>
    public string Toggle(string key, string value) => Filters.Toggle(key, value).Link(Library, [new("tri", Tri)]);

    public string WithoutFilters => QueryHelpers.AddQueryString(Library, "tri", Tri);

    public string LinkToPage(int page) => Filters.Link(Library, [new("tri", Tri), new("p", page.ToString(CultureInfo.InvariantCulture))]);
}
