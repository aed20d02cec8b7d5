using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Tools;

/// <summary>
/// The library's filters (issue 10, item 11): several values of one facet at once, chosen values as removable chips
/// with « Effacer les filtres », a « Filtrer (n) » panel, a sort that needs no button once script runs.
/// Everything is read from the pages themselves, so that tools other tests share meanwhile change nothing.
/// </summary>
public abstract class ToolLibraryTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static int Total(IHtmlDocument page) =>
        page.QuerySelector("#liste")!.TextContent.Trim() is var text && text == "Aucun outil" ? 0 : int.Parse(text.Split(' ')[0]);

    private static HashSet<string> Titles(IHtmlDocument page) => page.QuerySelectorAll("main .card h3").Select(h => h.TextContent.Trim()).ToHashSet();

    private static IElement Value(IHtmlDocument page, string facet, string label) =>
        page.QuerySelectorAll($"ul[aria-labelledby='facette-{facet}'] a.facet").Single(a => a.TextContent.Trim().StartsWith(label + " ", StringComparison.Ordinal));

    private static int Count(IElement value) => int.Parse(value.QuerySelector(".badge")!.TextContent);

    [Fact]
    public async Task SeveralValuesOfOneFacet_ShowAnyOfThem_AsChipsThatTakeThemAway()
    {
        var visitor = factory.CreatePortalClient();
        var all = await visitor.GetDocumentAsync("/outils");
        Assert.Null(all.QuerySelector(".chips"));
        Assert.Equal("Filtrer", all.QuerySelector("details.filters[open] > summary")!.TextContent.Trim());
        var values = all.QuerySelectorAll("ul[aria-labelledby='facette-approche'] a.facet").Take(2)
            .Select(a => (Label: a.TextContent.Trim()[..a.TextContent.Trim().LastIndexOf(' ')], Count: Count(a))).ToList();
        Assert.Equal(2, values.Count);

        var first = await visitor.GetDocumentAsync(Value(all, "approche", values[0].Label).GetAttribute("href")!);
        Assert.Equal(values[0].Count, Total(first));
        Assert.Equal("Filtrer (1)", first.QuerySelector("details.filters > summary")!.TextContent.Trim());
        Assert.Equal("true", Value(first, "approche", values[0].Label).GetAttribute("aria-current"));
        // A facet's own choice does not shrink its other values: each count says what choosing it would add.
        Assert.Equal(values[1].Count, Count(Value(first, "approche", values[1].Label)));

        var second = await visitor.GetDocumentAsync(Value(all, "approche", values[1].Label).GetAttribute("href")!);
        var both = await visitor.GetDocumentAsync(Value(first, "approche", values[1].Label).GetAttribute("href")!);
        Assert.Equal(Titles(first).Union(Titles(second)).ToHashSet(), Titles(both));
        Assert.Equal("Filtrer (2)", both.QuerySelector("details.filters > summary")!.TextContent.Trim());
        var chips = both.QuerySelectorAll("ul.chips[aria-label='Filtres choisis'] a.chip").ToList();
        Assert.Equal(values.Select(v => $"Retirer le filtre Approches : {v.Label}").ToHashSet(), chips.Select(c => c.GetAttribute("aria-label")!).ToHashSet());

        // Taking the first away leaves the second; « Effacer les filtres » leaves none.
        var removed = await visitor.GetDocumentAsync(chips.Single(c => c.GetAttribute("aria-label")!.EndsWith(values[0].Label)).GetAttribute("href")!);
        Assert.Equal(Titles(second), Titles(removed));
        var cleared = await visitor.GetDocumentAsync(both.QuerySelector("a.chips__clear")!.GetAttribute("href")!);
        Assert.Equal(Total(all), Total(cleared));
        Assert.Null(cleared.QuerySelector(".chips"));

        // The sort keeps both choices, and says it applies on choosing; its button is there for pages without script.
        var sort = both.QuerySelector("form.sort")!;
        Assert.Equal(2, sort.QuerySelectorAll("input[type=hidden][name=approche]").Length);
        Assert.NotNull(sort.QuerySelector("select[data-autosubmit][aria-describedby=tri-aide]"));
        Assert.NotNull(sort.QuerySelector("button[data-autosubmit-fallback]"));
    }

    [Fact]
    public async Task AFacetTakesAtMostTwentyValues_AndAnUnknownOneMatchesNothing()
    {
        var visitor = factory.CreatePortalClient();
        var query = string.Join('&', Enumerable.Range(1, 200).Select(i => $"licence=inconnue-{i}"));
        var page = await visitor.GetDocumentAsync("/outils?" + query);
        Assert.Equal(0, Total(page));
        Assert.Equal(20, page.QuerySelectorAll("ul.chips a.chip").Length);
        Assert.Equal("Filtrer (20)", page.QuerySelector("details.filters > summary")!.TextContent.Trim());
    }
}

public sealed class SqliteToolLibraryTests(SqlitePortalFactory factory) : ToolLibraryTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresToolLibraryTests(PostgresPortalFactory factory) : ToolLibraryTests<PostgresPortalFactory>(factory);
