using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy;

namespace RqiiacPortail.UnitTests;

/// <summary>French dates, section settings and term names: the rules forms and recipes share.</summary>
public sealed class TextRules
{
    [Theory]
    [InlineData("2026-12-01T17:00:00Z", "1er décembre 2026")]
    [InlineData("2026-12-02T17:00:00Z", "2 décembre 2026")]
    // Late on 31 December in Montréal is already 1 January in UTC.
    [InlineData("2027-01-01T03:00:00Z", "31 décembre 2026")]
    public void Dates_ReadInFrench_InQuebecsTime(string utc, string expected) =>
        Assert.Equal(expected, FrenchText.Date(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(0, "0 réponse")]
    [InlineData(1, "1 réponse")]
    [InlineData(2, "2 réponses")]
    [InlineData(1500, "1\u00a0500 réponses")]
    public void Counts_TakeTheSingularBelowTwo_AsFrenchDoes(long n, string expected) => Assert.Equal(expected, FrenchText.Count(n, "réponse"));

    [Fact]
    public void ACount_TakesItsOwnPlural() => Assert.Equal("3 places restantes", FrenchText.Count(3, "place restante", "places restantes"));

    [Fact]
    public void ASectionSlug_IsRefusedWhenAModuleReservedIt()
    {
        var reserved = new ReservedSlugs([new ReservedSegment("outils"), new ReservedSegment("forum")]);
        Assert.NotNull(SectionRules.CheckSlug("forum", reserved));
        Assert.NotNull(SectionRules.CheckSlug("_content", reserved));
        Assert.NotNull(SectionRules.CheckSlug("Laval", reserved));
        Assert.Null(SectionRules.CheckSlug("lanaudiere", reserved));
    }

    [Theory]
    [InlineData("#005a70", true)]
    [InlineData("#ffcc00", false)]
    [InlineData("005a70", false)]
    public void AnAccentColour_KeepsWhiteTextReadable(string colour, bool accepted) =>
        Assert.Equal(accepted, SectionRules.CheckAccentColour(colour) is null);

    [Theory]
    [InlineData("  Action sociale ", "Action sociale", null)]
    [InlineData("", null, "Indiquez le nom du terme.")]
    [InlineData("!!!", null, "Le nom d'un terme doit contenir au moins une lettre ou un chiffre.")]
    public void ATermName_IsTrimmed_OrRefusedWithItsReason(string name, string? clean, string? refusal) =>
        Assert.Equal((clean, refusal), TermEditor.CheckName(name));
}

/// <summary>The outboxes' retry delays: doubled at each attempt, bounded.</summary>
public sealed class RetryRules
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(4, 240)]
    [InlineData(11, 30720)]
    [InlineData(50, 30720)]
    public void TheDelayDoubles_UpToAThousandTimesTheFirst(int attempts, int seconds)
    {
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddSeconds(seconds), RqiiacPortail.Web.Infrastructure.Background.RetrySchedule.Next(now, TimeSpan.FromSeconds(30), attempts));
    }

    [Fact]
    public void MarkdownDepth_SixteenLevelsPass_AsTheMessageSays_AndSeventeenDoNot()
    {
        static string Quotes(int n) => new string('>', n) + " une citation";
        static string Lists(int n) => string.Join("\n", Enumerable.Range(0, n).Select(i => new string(' ', 2 * i) + "- niveau " + (i + 1)));
        Assert.Null(MarkdownRenderer.Check(Quotes(MarkdownRenderer.MaxDepth)));
        Assert.Contains("au plus 16 niveaux", MarkdownRenderer.Check(Quotes(MarkdownRenderer.MaxDepth + 1)));
        Assert.Null(MarkdownRenderer.Check(Lists(MarkdownRenderer.MaxDepth)));
        Assert.NotNull(MarkdownRenderer.Check(Lists(MarkdownRenderer.MaxDepth + 1)));
        Assert.Null(MarkdownRenderer.Check(Quotes(15).Replace("une citation", "**gras**")));
        Assert.NotNull(MarkdownRenderer.Check(Quotes(16).Replace("une citation", "**gras**")));
    }
}
