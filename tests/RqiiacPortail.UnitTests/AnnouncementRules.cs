using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Notifications;

namespace RqiiacPortail.UnitTests;

public sealed class AnnouncementRules
{
    private static readonly Announcements.Audience Network = new(null, "Tous les membres du réseau", null);
    private static readonly Announcements.Audience Laval = new(13, "Membres de la région Laval", "/laval");
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static AnnouncementDraft Draft(string? link = null, string? text = null, DateOnly? bannerUntil = null, bool byEmail = false) =>
        new("Une annonce", text, link, ForMembers: false, bannerUntil, byEmail);

    [Theory]
    [InlineData("/", true)]
    [InlineData("/laval/evenements/12", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/laval/\n/x", false)]
    [InlineData("laval/", false)]
    [InlineData("", false)]
    public void ALink_StaysOnTheSite(string link, bool local) => Assert.Equal(local, LocalPaths.IsLocal(link));

    [Fact]
    public void AnAudience_NotOffered_IsRefused_NextToItsField()
    {
        var refusals = Announcements.Check([Laval], Network, Draft(), Today);

        Assert.Equal("Audience", Assert.Single(refusals).Field);
        Assert.Empty(Announcements.Check([Network, Laval], Laval, Draft("/laval/"), Today));
    }

    [Fact]
    public void AnOutsideLink_IsRefused_AnEmptyOneTakesTheRegionsHome()
    {
        Assert.Equal("Link", Assert.Single(Announcements.Check([Laval], Laval, Draft("https://evil.example/"), Today)).Field);
        Assert.Empty(Announcements.Check([Laval], Laval, Draft("  "), Today));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(366, true)]
    [InlineData(-1, false)]
    [InlineData(367, false)]
    public void ABanner_RunsFromTodayToAYearAhead(int days, bool allowed) =>
        Assert.Equal(allowed, Announcements.Check([Laval], Laval, Draft(bannerUntil: Today.AddDays(days)), Today).Count == 0);

    [Fact]
    public void AnEmail_NeedsAText()
    {
        Assert.Equal("Text", Assert.Single(Announcements.Check([Laval], Laval, Draft(byEmail: true), Today)).Field);
        Assert.Empty(Announcements.Check([Laval], Laval, Draft(text: "Le texte.", byEmail: true), Today));
    }
}
