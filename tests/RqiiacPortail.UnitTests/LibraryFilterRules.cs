using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.UnitTests;

/// <summary>The tool library's filters: any value of a facet, every facet; bounded; links that add or take away one value.</summary>
public sealed class LibraryFilterRules
{
    private static LibraryFilters From(params (string Key, string[] Values)[] query) =>
        LibraryFilters.From(new QueryCollection(query.ToDictionary(q => q.Key, q => new StringValues(q.Values))), ["approche", "licence"]);

    [Fact]
    public void AnyValueOfAFacet_AndEveryFacet_MustMatch()
    {
        var filters = From(("approche", ["action-sociale", "developpement"]), ("licence", ["cc-by"]));
        IEnumerable<string> Tool(string key, string approach, string licence) => key == "approche" ? [approach] : [licence];

        Assert.True(filters.Matches(k => Tool(k, "developpement", "cc-by")));
        Assert.False(filters.Matches(k => Tool(k, "developpement", "cc-by-sa")));
        Assert.False(filters.Matches(k => Tool(k, "autre", "cc-by")));
        // Counting a facet leaves that facet's own choice out.
        Assert.True(filters.Matches(k => Tool(k, "autre", "cc-by"), except: "approche"));
    }

    [Fact]
    public void ToggleAddsOrTakesAway_AndUnknownFacetsOrOverlongValuesAreIgnored()
    {
        var filters = From(("approche", ["a"]), ("inconnue", ["x"]), ("licence", [new string('l', 101)]));
        Assert.Equal(1, filters.Count);
        Assert.Equal("/outils?approche=a&approche=b", filters.Toggle("approche", "b").Link("/outils", []));
        Assert.Equal("/outils", filters.Toggle("approche", "a").Link("/outils", []));
        var many = From(("approche", Enumerable.Range(0, 100).Select(i => $"v{i}").ToArray()));
        Assert.Equal(LibraryFilters.MaxValuesPerFacet, many.Count);
        Assert.Equal(LibraryFilters.MaxValuesPerFacet, many.Toggle("approche", "encore").Count);
    }
}
