using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.UnitTests;

/// <summary>The permission rule behind every page and action (the authorization matrix checks it end to end).</summary>
public sealed class PermissionRules
{
    private static readonly Permission Moderate = new("forum.moderate", "Modérer", [Roles.Moderator], []);
    private static readonly Permission Publish = new("bulletin.publish", "Publier le bulletin", [], [Roles.Board]);

    private static MemberRoles.Grants Grants(string[] national, params (int, string)[] inSections) =>
        new(national.ToHashSet(), inSections.ToList(), Approved: true);

    [Fact]
    public void ASectionRole_GrantsInItsSectionOnly_OrInAnySectionWhenAskedSo()
    {
        var moderator = Grants([], (14, Roles.Moderator), (14, Roles.Member));

        Assert.True(moderator.Allow(Moderate, new SectionScope(14)));
        Assert.False(moderator.Allow(Moderate, new SectionScope(16)));
        Assert.True(moderator.Allow(Moderate, SectionScope.AnySection));
        Assert.False(moderator.Allow(Publish, new SectionScope(14)));
    }

    [Fact]
    public void ANationalRole_GrantsEverywhere_AndAdministratorsHoldEveryPermission()
    {
        Assert.True(Grants([Roles.Board]).Allow(Publish, new SectionScope(16)));
        Assert.False(Grants([Roles.Board]).Allow(Moderate, new SectionScope(16)));
        Assert.True(Grants([Roles.Administrator]).Allow(Moderate, new SectionScope(16)));
        Assert.False(Grants([]).Allow(Moderate, SectionScope.AnySection));
    }
}
