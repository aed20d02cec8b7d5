using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members.Contracts;
using static RqiiacPortail.Tests.Forum.ForumSteps;

namespace RqiiacPortail.Tests.Forum;

/// <summary>
/// The forum's rate limits on the site's default settings: per member on every posting action, per address on top,
/// moderators on a budget of their own. (The limiter runs after authentication: before, members were nobody.)
/// </summary>
public sealed class ForumRateLimitTests(ForumRateLimitTests.DefaultLimitsFactory factory) : IClassFixture<ForumRateLimitTests.DefaultLimitsFactory>
{
    /// <summary>The forum's limits as shipped (the other test sites raise them).</summary>
    public sealed class DefaultLimitsFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("RateLimits:ForumPostsPerMinute", $"{ForumModule.PostsPerMinute}"), new("RateLimits:ForumModerationPerMinute", $"{ForumModule.ModerationActionsPerMinute}"),
             new("RateLimits:MemberPostsPerMinutePerAddress", $"{RqiiacPortail.Web.Infrastructure.Web.RateLimits.MemberPostsPerAddressDefault}")];
    }

    private async Task<int> NationalThreadAsync()
    {
        var starter = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", ("national", Roles.Moderator)));
        return await starter.StartThreadAsync(Practices, "Un sujet pour compter", "Répondez ici.");
    }

    [Fact]
    public async Task TheEleventhReplyInAMinute_IsRefused_WithTheFrench429Page()
    {
        var thread = await NationalThreadAsync();
        var member = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        Assert.Equal(10, ForumModule.PostsPerMinute);
        for (var i = 1; i <= 11; i++)
        {
            last = await member.TryReplyAsync("", thread, $"Réponse numéro {i}.");
            statuses.Add(last.StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal((HttpStatusCode)429, statuses[10]);
        var page = Html.Parse(await last.BodyAsync());
        Assert.Equal("fr-CA", page.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("Trop de tentatives", page.Title);
        Assert.Equal("60", last.Headers.RetryAfter?.ToString());
        Assert.Equal(10, await factory.WithDbAsync(db => db.Set<ForumPost>().CountAsync(p => p.ThreadId == thread && !p.IsFirst)));
        // Reading is never limited.
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/forum/sujets/{thread}")).StatusCode);
    }

    [Fact]
    public async Task ThanksFlagsAndFollows_CountAsPosting_ButAModeratorsQueueHasItsOwnBudget()
    {
        var thread = await NationalThreadAsync();
        var first = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        var moderatorAccount = await factory.CreateMemberAsync("lanaudiere", ("national", Roles.Moderator));
        var moderator = await factory.SignedInAsync(moderatorAccount);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await moderator.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Merci&message={first}", new Dictionary<string, string>())).StatusCode);
            statuses.Add((await moderator.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Suivre", new Dictionary<string, string> { ["suivre"] = "true" })).StatusCode);
        }
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal((HttpStatusCode)429, (await moderator.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Signaler&message={first}",
            new Dictionary<string, string> { ["Reason"] = "Essai." })).StatusCode);

        // Out of posting budget, she still works the queue.
        var pending = await (await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"))).ReplyAsync("", thread, "Une première réponse.");
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = pending.ToString() })).StatusCode);
    }
}

/// <summary>The per-address cap over the per-member limits: colleagues behind one address share it.</summary>
public sealed class ForumAddressLimitTests(ForumAddressLimitTests.CappedFactory factory) : IClassFixture<ForumAddressLimitTests.CappedFactory>
{
    public sealed class CappedFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("RateLimits:ForumPostsPerMinute", "10"), new("RateLimits:MemberPostsPerMinutePerAddress", "15")];
    }

    [Fact]
    public async Task MembersBehindOneAddress_ShareItsCap()
    {
        var starter = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", ("national", Roles.Moderator)));
        var thread = await starter.StartThreadAsync(Practices, "Un sujet pour une adresse", "Répondez ici.");
        var a = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var b = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++) statuses.Add((await a.TryReplyAsync("", thread, $"A {i}.")).StatusCode);
        for (var i = 0; i < 6; i++) statuses.Add((await b.TryReplyAsync("", thread, $"B {i}.")).StatusCode);

        // The starter's thread was one post of the address's fifteen: b's sixth is the seventeenth.
        Assert.Equal(14, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal((HttpStatusCode)429, statuses[^1]);
    }
}
