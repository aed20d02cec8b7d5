using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using static RqiiacPortail.Tests.Forum.ForumSteps;

namespace RqiiacPortail.Tests.Forum;

/// <summary>An open thread or moderation queue over a real SignalR connection: every event, as the raw JSON it came as.</summary>
internal sealed class ForumWatcher : IAsyncDisposable
{
    private readonly HubConnection _connection;

    public Channel<(string Event, string Json)> Received { get; } = Channel.CreateUnbounded<(string, string)>();

    private ForumWatcher(HubConnection connection) => _connection = connection;

    public static async Task<ForumWatcher> OpenAsync(LiveMember member, string prefix = "")
    {
        var connection = new HubConnectionBuilder().WithUrl($"{member.BaseUrl}{prefix}{ForumHub.Path}", o => o.Cookies = member.Cookies).Build();
        var watcher = new ForumWatcher(connection);
        foreach (var name in new[] { "message", "modifie" })
            connection.On<JsonElement>(name, e => watcher.Received.Writer.TryWrite((name, e.GetRawText())));
        connection.On<int>("file", s => watcher.Received.Writer.TryWrite(("file", s.ToString())));
        connection.On("relire", () => watcher.Received.Writer.TryWrite(("relire", "")));
        connection.Closed += e =>
        {
            watcher.Received.Writer.TryWrite(("ferme", e?.Message ?? ""));
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        return watcher;
    }

    public Task<bool> ReadAsync(int thread) => _connection.InvokeAsync<bool>("Lire", thread);

    public Task<bool> ModerateAsync() => _connection.InvokeAsync<bool>("Moderer");

    public async Task<(string Event, string Json)> NextAsync(string? name = null, int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var next = await Received.Reader.ReadAsync(timeout.Token);
            if (name is null || next.Event == name) return next;
        }
    }

    public HubConnectionState State => _connection.State;

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}

/// <summary>
/// Live threads and the pseudonymous dilemmas: a reply reaches the thread's open pages at once; a pseudonym never
/// gives its author away to members — not in the page, the search, the notifications, the e-mails or the pushes —
/// and only a moderator's logged reveal names them.
/// </summary>
public abstract class ForumLiveTests<TFactory>(TFactory factory) where TFactory : PortalFactory, ILiveSite
{
    private async Task<(TestAccount Account, LiveMember Live)> SignInAsync(TestAccount account) =>
        (account, await LiveMember.SignInAsync(factory.BaseUrl, account));

    [Fact]
    public async Task AReply_ReachesEveryOpenPageOfTheThread_VisitorsIncluded_AndMembersOnlyThreadsStayClosedToVisitors()
    {
        var (_, author) = await SignInAsync(await factory.CreateMemberAsync("lanaudiere", ("national", Roles.Moderator)));
        var (_, reader) = await SignInAsync(await factory.CreateMemberAsync("monteregie"));
        await using var visitorSession = await LiveMember.SignInAsync(factory.BaseUrl, null);
        var open = await author.Http.StartThreadAsync(Practices, "Un sujet vivant", "Premier message.");
        var closed = await author.Http.StartThreadAsync(Ethics, "Un sujet des membres", "Réservé aux membres.");
        await using var readerPage = await ForumWatcher.OpenAsync(reader);
        await using var visitorPage = await ForumWatcher.OpenAsync(visitorSession, "/lanaudiere"); // under a section's prefix too
        Assert.True(await readerPage.ReadAsync(open));
        Assert.True(await visitorPage.ReadAsync(open));
        Assert.False(await visitorPage.ReadAsync(closed));
        Assert.True(await readerPage.ReadAsync(closed));

        var reply = await author.Http.ReplyAsync("", open, "Une réponse **en direct**.");
        await author.Http.ReplyAsync("", closed, "Une réponse réservée.");

        foreach (var page in new[] { readerPage, visitorPage })
        {
            var (_, json) = await page.NextAsync("message");
            using var payload = JsonDocument.Parse(json);
            Assert.Equal(reply, payload.RootElement.GetProperty("id").GetInt32());
            Assert.Equal("<p>Une réponse <strong>en direct</strong>.</p>", payload.RootElement.GetProperty("html").GetString()!.Trim());
            Assert.Equal(1, payload.RootElement.GetProperty("replyCount").GetInt32());
        }
        // A reply to the open thread after the reserved one: the visitor's next push is it, not the reserved reply.
        var marker = await author.Http.ReplyAsync("", open, "Une réponse après la réservée.");
        using (var next = JsonDocument.Parse((await visitorPage.NextAsync("message")).Json))
            Assert.Equal(marker, next.RootElement.GetProperty("id").GetInt32());

        var moderator = await factory.CreateMemberAsync("lanaudiere", ("national", Roles.Moderator));
        await using var moderatorSession = await LiveMember.SignInAsync(factory.BaseUrl, moderator);
        var moderatorClient = moderatorSession.Http;
        await moderatorClient.ModerateAsync("Masquer", new Dictionary<string, string> { ["message"] = reply.ToString(), ["motif"] = "Essai." });
        var (name, hidden) = await readerPage.NextAsync("modifie");
        Assert.Contains("\"state\":\"masque\"", hidden);
        Assert.DoesNotContain("en direct", hidden);
    }

    [Fact]
    public async Task APseudonymousDilemma_NeverGivesItsAuthorAway_UntilAModeratorRevealsIt_WithAReason()
    {
        var author = await factory.CreateMemberAsync("lanaudiere");
        var authorName = $"Membre {author.Email.Split('-')[1].Split('@')[0]}";
        await using var authorSession = await LiveMember.SignInAsync(factory.BaseUrl, author);
        var authorClient = authorSession.Http;
        var (follower, followerLive) = await SignInAsync(await factory.CreateMemberAsync("monteregie"));
        await followerLive.Http.SubmitFormAsync($"/forum/{Ethics}", new Dictionary<string, string> { ["suivre"] = "true" }, "Suivre");
        var (_, moderatorLive) = await SignInAsync(await factory.CreateMemberAsync("capitale-nationale", ("national", Roles.Moderator)));
        await using var queue = await ForumWatcher.OpenAsync(moderatorLive);
        Assert.True(await queue.ModerateAsync());

        // The template, with a telephone number: the check stops it until the author confirms or removes it.
        var template = new Dictionary<string, string>
        {
            ["Input.Situation"] = "Un partenaire me confie une difficulté ; son numéro est le 450 555-0199.", ["Input.Values"] = "Confidentialité et protection.",
            ["Input.Options"] = "Me taire ; en parler.", ["Input.Question"] = "Qu'auriez-vous fait? Mot témoin : ornithorynque.",
        };
        var stopped = await authorClient.TryStartThreadAsync(Ethics, "Une confidence difficile", "", "Mésange", template);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stopped.StatusCode);
        Assert.Contains("Numéro de téléphone", await stopped.TextAsync());
        var mine = await authorClient.TryStartThreadAsync(Ethics, "Une confidence difficile", "", authorName, template);
        Assert.Contains("ressemble à votre nom", Html.FieldError(await mine.DocumentAsync(), "Input.Pseudonym"));
        template["Input.Confirmed"] = "true";
        var thread = await authorClient.StartThreadAsync(Ethics, "Une confidence difficile", "", "Mésange", template);
        var post = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        Assert.Equal(PostStatus.Pending, (await factory.PostAsync(post)).Status); // pseudonymous: always reviewed
        Assert.Equal(("file", (await factory.SectionAsync("national")).Id.ToString()), await queue.NextAsync("file"));
        var queued = await (await moderatorLive.Http.GetAsync("/admin/moderation")).BodyAsync();
        Assert.Contains("Mésange", queued);
        Assert.DoesNotContain(authorName, queued);

        await using var followerPage = await ForumWatcher.OpenAsync(followerLive);
        await moderatorLive.Http.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = post.ToString() });
        Assert.True(await followerPage.ReadAsync(thread));
        var reply = await authorClient.ReplyAsync("", thread, "Merci pour vos réponses : pélican.", "Mésange", new Dictionary<string, string> { ["Input.Confirmed"] = "true" });
        await moderatorLive.Http.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = reply.ToString() });
        var (_, pushed) = await followerPage.NextAsync("message");
        await factory.EventsHandledAsync();
        var search = factory.Services.GetRequiredService<RqiiacPortail.Web.Modules.Search.Contracts.ISearch>();
        for (var i = 0; i < 50 && (await search.SearchAsync(new("ornithorynque", new Dictionary<string, string>()), new(RqiiacPortail.Web.Modules.Members.Contracts.ReaderAudiences.Visitor, SeesAll: true))).Total == 0; i++)
            await Task.Delay(100);

        var leaks = new[] { authorName, author.UserId, author.Email, author.Email.Split('@')[0] };
        void NoLeak(string where, string text)
        {
            foreach (var leak in leaks) Assert.False(text.Contains(leak, StringComparison.OrdinalIgnoreCase), $"{where} gives the author away ({leak}): {Html.Excerpt(text)}");
        }
        var page = await (await followerLive.Http.GetAsync($"/forum/sujets/{thread}")).BodyAsync();
        Assert.Contains("Mésange", page);
        NoLeak("the thread page", page);
        NoLeak("the category page", await (await followerLive.Http.GetAsync($"/forum/{Ethics}")).BodyAsync());
        NoLeak("the forum's home", await (await followerLive.Http.GetAsync("/forum")).BodyAsync());
        var results = await (await followerLive.Http.GetAsync("/recherche?q=ornithorynque")).BodyAsync();
        Assert.Contains("Une confidence difficile", results);
        NoLeak("the search results", results);
        NoLeak("the live push", pushed);
        Assert.Contains("Mésange", pushed);
        var notices = await factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == follower.UserId).ToListAsync());
        Assert.Contains(notices, n => n.Title.Contains("Mésange"));
        foreach (var n in notices) NoLeak("a notification", $"{n.Title} {n.Body} {n.Link}");
        var mails = await factory.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To == follower.Email).ToListAsync());
        Assert.NotEmpty(mails);
        foreach (var m in mails) NoLeak("an e-mail", $"{m.Subject} {m.TextBody} {m.HtmlBody}");

        // A member cannot reveal; a moderator must give a reason, and the reveal is logged with it.
        Assert.Equal(HttpStatusCode.Forbidden, (await followerLive.Http.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Reveler&message={post}",
            new Dictionary<string, string> { ["motif"] = "Curiosité." })).StatusCode);
        var noReason = await moderatorLive.Http.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Reveler&message={post}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        NoLeak("a refused reveal", await noReason.BodyAsync());
        var revealed = await moderatorLive.Http.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Reveler&message={post}",
            new Dictionary<string, string> { ["motif"] = "Menace signalée contre une personne." });
        Assert.Contains(authorName, await revealed.BodyAsync());
        Assert.True(revealed.Headers.CacheControl?.NoStore);
        var entry = await factory.WithDbAsync(db => db.Set<AuditEntry>().SingleAsync(e => e.Action == "reveler" && e.Link == $"/forum/messages/{post}"));
        Assert.Equal("Menace signalée contre une personne.", entry.Reason);
        Assert.Equal(author.UserId, entry.SubjectUserId);
    }
}

public sealed class SqliteForumLiveTests(KestrelPortalFactory factory) : ForumLiveTests<KestrelPortalFactory>(factory), IClassFixture<KestrelPortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresForumLiveTests(PostgresKestrelPortalFactory factory) : ForumLiveTests<PostgresKestrelPortalFactory>(factory), IClassFixture<PostgresKestrelPortalFactory>;
