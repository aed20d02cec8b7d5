using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.UnitTests;

/// <summary>The tool library's filters: any value of a facet, every facet; bounded; links that add or take away one value.</summary>
public sealed class LibraryFilterRules
{
    private static LibraryFilters From(params (string Key, string[] Values)[] query) =>
        LibraryFilters.From(new QueryCollection(query.ToDictionary(q => q.Key, q => new StringValues(q.Values))), ["approche", "licence"]);

    private static Tool Tool(int id, string licence, params int[] terms) => new()
    {
        Id = id, SectionId = 14, Title = $"Outil {id}", Summary = "Un **outil**.", Licence = licence, CreatedById = "auteur", Status = ToolStatus.Published,
        Terms = terms.Select(t => new ToolTerm { ToolId = id, TermId = t }).ToList(),
        Files = [new ToolFile { FileName = "f.pdf", Kind = "pdf", ContentType = "application/pdf", Sha256 = "", StorageKey = $"k{id}" }],
    };

    private static readonly VocabularyInfo Approaches = new(ToolsModule.DescribingVocabularies[0], "Approches", false,
        [new TermInfo(1, "action-sociale", "Action sociale"), new TermInfo(2, "developpement", "Développement")]);

    [Fact]
    public void AnyValueOfAFacet_AndEveryFacet_MustMatch_AndEachCountSaysWhatChoosingItWouldAdd()
    {
        var approach = ToolSearchSource.FacetKey(Approaches.Key);
        var catalog = new ToolCatalog.Snapshot([Tool(1, "cc-by", 1), Tool(2, "cc-by", 2), Tool(3, "cc-by-sa", 2), Tool(4, "cc-by-sa", 1, 2)],
            [Approaches], new MarkdownRenderer(NullLogger<MarkdownRenderer>.Instance));

        var (results, counts) = catalog.Narrow(_ => true, From((approach, ["developpement"]), ("licence", ["cc-by"])).ByFacet);
        Assert.Equal([2], results.Select(t => t.Id));
        // A facet's counts leave its own choice out: the licence cc-by-sa would bring tools 3 and 4 in.
        Assert.Equal(new Dictionary<string, int> { ["cc-by"] = 1, ["cc-by-sa"] = 2 }, counts["licence"]);
        Assert.Equal(new Dictionary<string, int> { ["action-sociale"] = 1, ["developpement"] = 1 }, counts[approach]);
        Assert.Equal(1, counts["fichier"]["pdf"]);

        // Any chosen value of a facet passes it; a value nobody has matches nothing; what the reader may not see is left out.
        Assert.Equal([1, 2, 4], catalog.Narrow(t => t.Id != 3, From((approach, ["developpement", "action-sociale"])).ByFacet).Results.Select(t => t.Id));
        Assert.Empty(catalog.Narrow(_ => true, From(("licence", ["inconnue"])).ByFacet).Results);
        Assert.Equal("Un outil.", catalog.ExcerptOf(catalog.Newest[0]));
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
