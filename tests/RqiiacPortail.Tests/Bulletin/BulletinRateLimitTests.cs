using System.Net;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Bulletin;

/// <summary>
/// The bulletin's and the announcements' forms are limited per member (a visitor's per address): a board member
/// pressing « renvoyer » or announcing in a loop is stopped with the French « trop de tentatives » page, and another
/// member is not held back by it.
/// </summary>
public sealed class BulletinRateLimitTests(BulletinRateLimitTests.StrictFactory factory) : IClassFixture<BulletinRateLimitTests.StrictFactory>
{
    public sealed class StrictFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("RateLimits:BulletinPostsPerMinute", "3"), new("RateLimits:AnnouncementsPerMinute", "2")];
    }

    [Fact]
    public async Task TheBoardsBulletinActions_AreCountedPerMember()
    {
        var first = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", [], [Roles.Board]));
        var second = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", [], [Roles.Board]));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await first.PostWithTokenAsync("/bulletin/43/envois?handler=Renvoyer", new Dictionary<string, string>())).StatusCode);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, (HttpStatusCode)429], statuses);
        var refused = await first.PostWithTokenAsync("/bulletin/43/envois?handler=Renvoyer", new Dictionary<string, string>());
        Assert.Equal("fr-CA", Html.Parse(await refused.BodyAsync()).DocumentElement.GetAttribute("lang"));
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostWithTokenAsync("/bulletin/43/envois?handler=Renvoyer", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/bulletin/43/envois")).StatusCode); // reading is never limited
    }

    [Fact]
    public async Task Announcing_IsCountedPerMember()
    {
        var board = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", [], [Roles.Board]));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await board.SubmitFormAsync("/admin/annonces", new Dictionary<string, string> { ["Input.Audience"] = "tous", ["Input.Title"] = $"Annonce {i}" })).StatusCode);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, (HttpStatusCode)429], statuses);
    }
}
