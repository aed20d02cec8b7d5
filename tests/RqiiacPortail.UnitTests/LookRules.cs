using RqiiacPortail.Theme.TagHelpers;
using RqiiacPortail.Web.Infrastructure.Text;


namespace RqiiacPortail.UnitTests;

/// <summary>The look's small rules: relative dates, initials, colours drawn from names, icons, attestation lines.</summary>
public sealed class LookRules
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-07T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0.5, "à l'instant")]
    [InlineData(5, "il y a 5 min")]
    [InlineData(59, "il y a 59 min")]
    [InlineData(120, "il y a 2 h")]
    [InlineData(60 * 23, "il y a 23 h")]
    [InlineData(60 * 30, "hier")]
    [InlineData(60 * 24 * 3, "il y a 3 jours")]
    [InlineData(60 * 24 * 10, "27 nov.")]
    [InlineData(60 * 24 * 36, "1er nov.")]
    public void ADate_IsSaidAsLongAgo_TheWayOneSpeaks(double minutesAgo, string expected) =>
        Assert.Equal(expected, FrenchText.Ago(Now.AddMinutes(-minutesAgo), Now));

    [Fact]
    public void ADateOfAnotherYear_KeepsItsYear() =>
        Assert.Equal("15 juill. 2025", FrenchText.Ago(DateTimeOffset.Parse("2025-07-15T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Now));

    [Theory]
    [InlineData("Marie Tremblay", "MT")]
    [InlineData("Équipe du RQIIAC", "ÉR")]
    [InlineData("marguerite", "M")]
    [InlineData("Jean-François de la Fontaine", "JF")]
    [InlineData("  ", "?")]
    public void Initials_AreTakenFromTheNameShown(string name, string expected) => Assert.Equal(expected, AvatarTagHelper.Initials(name));

    [Fact]
    public void AName_AlwaysGetsTheSameColour_AndNamesSpreadOverThePalette()
    {
        Assert.Equal(Palette.Of("Mésange"), Palette.Of("mésange "));
        var colours = Enumerable.Range(0, 200).Select(i => Palette.Of($"Membre {i}")).Distinct().Count();
        Assert.Equal(Palette.Size, colours);
    }

    [Fact]
    public void EveryIconThePortalNames_IsInTheSet()
    {
        foreach (var name in new[] { "bell", "search", "menu", "file-text", "file-spreadsheet", "presentation", "file-image", "link", "file",
                     "message-circle", "at-sign", "shield", "calendar-days", "award", "send", "heart", "quote", "pencil", "flag", "pin", "lock" })
            Assert.True(IconCatalog.Has(name), name);
        Assert.Throws<InvalidOperationException>(() => IconCatalog.Inner("pas-une-icone"));
    }

    [Fact]
    public void AnAttestationsTimesAndDates_NeverSplitAcrossLines() =>
        Assert.Equal("le 27\u00A0novembre\u00A02026 de 9\u00A0h\u00A000 à 15\u00A0h\u00A030",
            FrenchText.KeepTogether("le 27 novembre 2026 de 9 h 00 à 15 h 30"));
}
