using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Notifications;

namespace RqiiacPortail.UnitTests;

public sealed class AnnouncementRules
{
    private static readonly Announcements.Audience Network = new(null, "Tous les membres du réseau", null);
    private static readonly Announcements.Audience Laval = new(13, "Membres de la région Laval", "/laval");

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
        var refusals = Announcements.Check([Laval], Network, null);

        Assert.Equal("Audience", Assert.Single(refusals).Field);
        Assert.Empty(Announcements.Check([Network, Laval], Laval, "/laval/"));
    }

    [Fact]
    public void AnOutsideLink_IsRefused_AnEmptyOneTakesTheRegionsHome()
    {
        Assert.Equal("Link", Assert.Single(Announcements.Check([Laval], Laval, "https://evil.example/")).Field);
        Assert.Empty(Announcements.Check([Laval], Laval, "  "));
    }
}
