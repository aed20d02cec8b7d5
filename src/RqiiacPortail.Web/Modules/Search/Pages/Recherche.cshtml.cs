using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Web;
using Microsoft.AspNetCore.WebUtilities;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Search.Pages;

/// <summary>One search box for every kind of content; within a section it starts filtered to that section.</summary>
[EnableRateLimiting(WebModule.SearchPolicy)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = SearchModule.PublicResultsPolicy)]
[Infrastructure.Caching.KeptForReaders(Vary = SearchModule.IndexVersion)]
public sealed class RechercheModel(ISearch search, IAudiences audiences, IAuthorizationService authorization, ISectionContext section, ISectionCatalog catalog, ITaxonomy taxonomy,
    IEnumerable<ISearchSource> sources, IEnumerable<SearchFacet> declared) : PageModel
{
    private const int PageSize = 10;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;

    public Dictionary<string, string> Filters { get; } = [];
    public SearchResults Results { get; private set; } = SearchResults.Empty;
    public int Pages => (int)Math.Ceiling(Results.Total / (double)PageSize);

    private IReadOnlyList<SectionInfo> _sections = [];
    private readonly IReadOnlyList<SearchFacet> _declared = declared.DistinctBy(f => f.Key).ToList();

    // Each declared facet's values (term slugs) and the names they read as.
    private readonly Dictionary<string, Dictionary<string, string>> _valueLabels = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var facet in SearchService.BuiltInFacets.Concat(_declared.Select(f => f.Key)))
            if (Request.Query[facet].FirstOrDefault() is { Length: > 0 and <= 100 } value) Filters[facet] = value;
        // In a section the search starts with that section; « section=tous » widens it to the whole network.
        if (Filters.GetValueOrDefault("section") == AllSections) Filters.Remove("section");
        else if (!section.Current.IsNational && !Filters.ContainsKey("section"))
            Filters["section"] = section.Current.Id.ToString(CultureInfo.InvariantCulture);

        _sections = await catalog.GetAllAsync(ct);
        foreach (var facet in _declared)
            _valueLabels[facet.Key] = (await taxonomy.FindAsync(facet.Vocabulary, ct))?.Terms.ToDictionary(t => t.Slug, t => t.Name) ?? [];
        if (string.IsNullOrWhiteSpace(Q)) return;
        P = Math.Clamp(P, 1, 1000);
        Results = await search.SearchAsync(new SearchQuery(Q, Filters, P, PageSize), await ReaderAsync(ct), ct);
    }

    private async Task<SearchReader> ReaderAsync(CancellationToken ct)
    {
        // The reader finds what their audiences see on the pages: one rule, the members module's and the others' kinds.
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is null) return SearchReader.Visitor;
        return new SearchReader(await audiences.OfAsync(User, ct), SeesAll: await authorization.CanAsync(User, SeeEverything));
    }

    /// <summary>Granted to no role: only administrators (who hold every permission) search without the visibility filter.</summary>
    private static readonly Permission SeeEverything = new("search.all", "Chercher dans tout le contenu, quelle que soit sa visibilité", [], []);

    /// <summary>The section's name while the search is limited to the section it was made in, else null.</summary>
    public string? InThisSectionOnly =>
        !section.Current.IsNational && Filters.GetValueOrDefault("section") == section.Current.Id.ToString(CultureInfo.InvariantCulture) ? section.Current.Name : null;

    public string FacetLabel(string facet) => facet switch
    {
        "type" => "Type", "section" => "Section", _ => _declared.FirstOrDefault(f => f.Key == facet)?.Label ?? facet,
    };

    public string TypeLabel(string type) => sources.FirstOrDefault(s => s.Type == type)?.Label ?? type;

    public string SectionName(int id) => _sections.FirstOrDefault(s => s.Id == id)?.Name ?? "";

    public string ValueLabel(string facet, string value) => facet switch
    {
        "type" => TypeLabel(value),
        "section" => int.TryParse(value, CultureInfo.InvariantCulture, out var id) ? SectionName(id) : value,
        _ => _valueLabels.TryGetValue(facet, out var labels) ? labels.GetValueOrDefault(value, value) : value,
    };

    private const string AllSections = "tous";

    /// <summary>The filters as they go in links and in the form, including « section=tous » once widened.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CarriedFilters
    {
        get
        {
            var values = Filters.ToList();
            if (!section.Current.IsNational && !Filters.ContainsKey("section")) values.Add(new("section", AllSections));
            return values;
        }
    }

    public string LinkWith(string facet, string? value)
    {
        if (facet == "section" && value is null && !section.Current.IsNational) value = AllSections;
        var values = CarriedFilters.Where(kv => kv.Key != facet).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)).ToList();
        if (value is not null) values.Add(new(facet, value));
        values.Add(new("q", Q));
        return QueryHelpers.AddQueryString($"{Request.PathBase}/recherche", values);
    }

    public string LinkToPage(int page) =>
        QueryHelpers.AddQueryString($"{Request.PathBase}/recherche", CarriedFilters.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))
            .Append(new("q", Q)).Append(new("p", page.ToString(CultureInfo.InvariantCulture))));
}
