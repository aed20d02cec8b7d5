using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// The library's chosen filters, read from the query string: several values per facet (any of them matches),
/// every facet must match. Bounded: unknown facets are ignored, at most <see cref="MaxValuesPerFacet"/> values of
/// at most 100 characters each.
/// </summary>
public sealed class LibraryFilters
{
    public const int MaxValuesPerFacet = 20;
    private readonly Dictionary<string, List<string>> _chosen;

    private LibraryFilters(Dictionary<string, List<string>> chosen) => _chosen = chosen;

    public static LibraryFilters None { get; } = new([]);

    public static LibraryFilters From(IQueryCollection query, IEnumerable<string> facets) =>
        new(facets.Select(key => (key, values: query[key].OfType<string>().Where(v => v.Length is > 0 and <= 100).Distinct(StringComparer.Ordinal)
                .Take(MaxValuesPerFacet).ToList()))
            .Where(f => f.values.Count > 0).ToDictionary(f => f.key, f => f.values));

    public int Count => _chosen.Values.Sum(v => v.Count);

    public IEnumerable<(string Facet, string Value)> All => _chosen.SelectMany(f => f.Value.Select(v => (f.Key, v)));

    /// <summary>The chosen values of each facet that has some.</summary>
    public IEnumerable<(string Facet, IReadOnlyList<string> Values)> ByFacet => _chosen.Select(f => (f.Key, (IReadOnlyList<string>)f.Value));

    public bool IsChosen(string facet, string value) => _chosen.TryGetValue(facet, out var values) && values.Contains(value);

    /// <summary>The same filters with one value added or, when chosen already, taken away.</summary>
    public LibraryFilters Toggle(string facet, string value)
    {
        var copy = _chosen.ToDictionary(f => f.Key, f => f.Value.ToList());
        if (copy.TryGetValue(facet, out var values) && values.Remove(value)) { if (values.Count == 0) copy.Remove(facet); }
        else if (values is null) copy[facet] = [value];
        else if (values.Count < MaxValuesPerFacet) values.Add(value);
        return new(copy);
    }

    public string Link(string path, IEnumerable<KeyValuePair<string, string?>> extra) =>
        QueryHelpers.AddQueryString(path, All.Select(f => new KeyValuePair<string, string?>(f.Facet, f.Value)).Concat(extra));
}
