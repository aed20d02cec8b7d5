using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections;

namespace RqiiacPortail.Tests.Text;

public sealed class TextTests
{
    [Theory]
    [InlineData("Gaspésie–Îles-de-la-Madeleine", "gaspesie-iles-de-la-madeleine")]
    [InlineData("Saguenay–Lac-Saint-Jean", "saguenay-lac-saint-jean")]
    [InlineData("Côte-Nord", "cote-nord")]
    [InlineData("  Montréal  ", "montreal")]
    [InlineData("Cœur du quartier", "coeur-du-quartier")]
    [InlineData("L'Île-Perrot", "l-ile-perrot")]
    public void Slug_FoldsAccentsAndJoinsWordsWithHyphens(string name, string expected) =>
        Assert.Equal(expected, Slug.From(name));

    [Fact]
    public void Markdown_IsRenderedAndSanitized()
    {
        var renderer = new MarkdownRenderer(Microsoft.Extensions.Logging.Abstractions.NullLogger<MarkdownRenderer>.Instance);

        var html = renderer.Render("**Gras** <script>alert(1)</script> [lien](javascript:alert(1)) [vrai](https://rqiiac.qc.ca) <img src=x onerror=alert(1)>").ToString()!;

        Assert.Contains("<strong>Gras</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("href=\"https://rqiiac.qc.ca\"", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
    }

    [Fact]
    public void Markdown_TakesNoStylesClassesOrIdsFromAuthors_AndShowsRemoteImagesAsLinks()
    {
        var renderer = new MarkdownRenderer(Microsoft.Extensions.Logging.Abstractions.NullLogger<MarkdownRenderer>.Instance);

        var overlay = renderer.Render("[x](https://evil.example){style=\"position:fixed;inset:0\" class=\"skip-link\" id=\"contenu\"}\n\n# Contenu").ToString()!;
        var images = renderer.Render("![pixel](https://evil.example/p.gif) ![](//evil.example/q.gif) ![logo](/images/logo.png)").ToString()!;

        var elements = Html.Parse(overlay).Body!.QuerySelectorAll("*");
        Assert.DoesNotContain(elements, e => e.HasAttribute("style") || e.HasAttribute("class") || e.HasAttribute("id"));
        Assert.Contains("href=\"https://evil.example\"", overlay);
        Assert.DoesNotContain("<img src=\"https://evil.example", images);
        Assert.DoesNotContain("<img src=\"//evil.example", images);
        Assert.Contains("<a href=\"https://evil.example/p.gif\" rel=\"nofollow noopener noreferrer\">Image : pixel</a>", images);
        Assert.Contains("<img src=\"/images/logo.png\" alt=\"logo\">", images);
    }

    [Theory]
    [InlineData(7990, '>')]
    [InlineData(20, '>')]
    [InlineData(3000, '*')]
    public void NestedMarkdown_IsRefusedAtInput_AndRenderedAsPlainTextWhenAlreadySaved(int depth, char mark)
    {
        var renderer = new MarkdownRenderer(Microsoft.Extensions.Logging.Abstractions.NullLogger<MarkdownRenderer>.Instance);
        var text = mark == '*' ? new string('*', depth) + "mot" + new string('*', depth) : new string(mark, depth) + " citation";

        Assert.Contains("imbrique trop", MarkdownRenderer.Check(text));
        var html = renderer.Render(text).ToString()!;
        Assert.Contains(mark == '*' ? "mot" : "citation", html);
        Assert.NotNull(renderer.ToPlainText(text));
        Assert.Null(MarkdownRenderer.Check("> une citation\n>> et sa réponse\n\n- une liste\n  - imbriquée"));
    }

    [Fact]
    public void Markdown_GivesItsPlainText_AndShortExcerptsCutAfterAWord()
    {
        var renderer = new MarkdownRenderer(Microsoft.Extensions.Logging.Abstractions.NullLogger<MarkdownRenderer>.Instance);

        Assert.Equal("Un guide pour la concertation.", renderer.ToPlainText("Un **guide** pour la _concertation_."));
        Assert.Equal("Titre Premier point", renderer.ToPlainText("# Titre\n\n- Premier point").ReplaceLineEndings(" "));
        Assert.Equal("Court.", renderer.Excerpt("Court."));
        var excerpt = renderer.Excerpt(string.Join(' ', Enumerable.Repeat("mobilisation", 30)), 40);
        Assert.Equal("mobilisation mobilisation mobilisation…", excerpt);
        Assert.Equal("", renderer.Excerpt(null));
    }

    [Fact]
    public void FrenchDates_AndSorting()
    {
        Assert.Equal("23 novembre 2026", FrenchText.Date(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal("1er décembre 2026", FrenchText.Date(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal("1er décembre 2026 à 9 h 05", FrenchText.DateTime(new DateTimeOffset(2026, 12, 1, 14, 5, 0, TimeSpan.Zero)));
        // Shown in Québec's time: 2 a.m. UTC is still the evening before in Montréal, winter and summer.
        Assert.Equal("22 novembre 2026 à 21 h 05", FrenchText.DateTime(new DateTimeOffset(2026, 11, 23, 2, 5, 0, TimeSpan.Zero)));
        Assert.Equal("2026-07-14", FrenchText.IsoDate(new DateTimeOffset(2026, 7, 15, 3, 0, 0, TimeSpan.Zero)));
        var sorted = new[] { "Outaouais", "Île", "Estrie", "Éthique", "Abitibi" }.Order(FrenchText.Comparer).ToArray();
        Assert.Equal(["Abitibi", "Estrie", "Éthique", "Île", "Outaouais"], sorted);
    }

    [Theory]
    [InlineData("#005a70", null)]
    [InlineData("#000000", null)]
    [InlineData("#ffff00", "trop pâle")]
    [InlineData("#66ccff", "trop pâle")]
    [InlineData("bleu", "#RRGGBB")]
    public void AccentColour_MustKeepWhiteTextReadable(string colour, string? error)
    {
        var message = SectionRules.CheckAccentColour(colour);
        if (error is null) Assert.Null(message);
        else Assert.Contains(error, message);
    }
}

public sealed class PaginationTests
{
    [Fact]
    public void ManyPages_ShowTheEndsAndTheNeighbourhood_NotEveryPage()
    {
        Assert.Equal([1, null, 48, 49, 50, 51, 52, null, 6091], RqiiacPortail.Web.Infrastructure.Web.Pagination.Window(50, 6091));
        Assert.Equal([1, 2, 3, null, 9], RqiiacPortail.Web.Infrastructure.Web.Pagination.Window(1, 9));
        Assert.Equal([1, 2, 3], RqiiacPortail.Web.Infrastructure.Web.Pagination.Window(2, 3));
        Assert.Equal([1], RqiiacPortail.Web.Infrastructure.Web.Pagination.Window(1, 1));
    }
}
