using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Events;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.Sections;

/// <summary>
/// Issue 26: signed-in pages kept per kind of reader (<see cref="KeptForReadersAttribute"/>). A copy made for one
/// member is given to the next member of the same kind with their own name, bell and form token; never to a reader
/// of another kind, nor to a visitor; a member's own pages (notifications, an author's tool) stay theirs; a change
/// shows on the next load.
/// </summary>
public abstract class KeptPageTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private long Served => factory.Services.GetRequiredService<KeptPageStore>().Served;

    private async Task<(HttpClient Client, TestAccount Account)> MemberAsync(string home, params (string Slug, string Role)[] roles)
    {
        var account = await factory.CreateMemberAsync(home, roles);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        return (client, account);
    }

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private async Task<(int Id, string Title)> ShareAsync(HttpClient author, string visibility)
    {
        var title = "Fiche " + string.Concat(Guid.NewGuid().ToString("N")[..10].Select(c => (char)('a' + c % 26)));
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var response = await author.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
            [new("Input.Title", title), new("Input.Summary", "Une fiche pour éprouver les pages gardées."), new("Input.SectionId", lanaudiere.Id.ToString()),
             new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", visibility), new("Input.Author", "Équipe de test")],
            [("Input.Files", "fiche.pdf", SampleFiles.Pdf("Fiche de test"))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await factory.EventsHandledAsync();
        return (int.Parse(response.Headers.Location!.OriginalString.Split("/outils/")[1].Split('/')[0]), title);
    }

    [Fact]
    public async Task TwoMembersOfAKind_ShareOneCopy_EachWithTheirOwnNameAndToken()
    {
        var (first, firstAccount) = await MemberAsync("estrie");
        var (second, secondAccount) = await MemberAsync("estrie");

        var made = await first.GetDocumentAsync("/estrie/");
        var before = Served;
        var given = await second.GetDocumentAsync("/estrie/");
        Assert.Equal(before + 1, Served);

        Assert.Equal(made.QuerySelector("main")!.InnerHtml.Replace(Token(made), ""), given.QuerySelector("main")!.InnerHtml.Replace(Token(given), ""));
        Assert.Contains(secondAccount.DisplayName, given.QuerySelector(".account-nav")!.TextContent);
        Assert.DoesNotContain(firstAccount.DisplayName, given.DocumentElement.OuterHtml);
        Assert.DoesNotContain(Token(made), given.DocumentElement.OuterHtml);
        // The token the kept page carries is the second member's own: their form goes through.
        var signOut = await second.PostAsync("/estrie/compte/deconnexion",
            new FormUrlEncodedContent([new("__RequestVerificationToken", Token(given))]));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
    }

    [Fact]
    public async Task ACopy_NeverReachesAnotherKindOfReader()
    {
        var (author, _) = await MemberAsync("lanaudiere");
        var (_, sectionOnly) = await ShareAsync(author, "SectionMembers");
        var (lanaudiere, _) = await MemberAsync("lanaudiere");
        var (monteregie, _) = await MemberAsync("monteregie");
        var (coordinator, _) = await MemberAsync("monteregie", ("lanaudiere", Roles.Coordinator));
        var visitor = factory.CreatePortalClient();

        foreach (var url in new[] { "/outils", "/lanaudiere/outils", "/lanaudiere/", "/recherche?q=" + sectionOnly.Split(' ')[1] })
        {
            Assert.Contains(sectionOnly, (await lanaudiere.GetDocumentAsync(url)).QuerySelector("main")!.TextContent);
            Assert.Contains(sectionOnly, (await lanaudiere.GetDocumentAsync(url)).QuerySelector("main")!.TextContent);
            Assert.DoesNotContain(sectionOnly, (await monteregie.GetDocumentAsync(url)).QuerySelector("main")!.TextContent);
            Assert.DoesNotContain(sectionOnly, (await visitor.GetDocumentAsync(url)).QuerySelector("main")!.TextContent);
            Assert.Contains(sectionOnly, (await coordinator.GetDocumentAsync(url)).QuerySelector("main")!.TextContent);
        }
    }

    [Fact]
    public async Task AChange_ShowsOnTheNextLoad()
    {
        var (reader, _) = await MemberAsync("lanaudiere");
        (await reader.GetAsync("/lanaudiere/outils")).Dispose();
        (await reader.GetAsync("/lanaudiere/outils")).Dispose();
        var (author, _) = await MemberAsync("lanaudiere");
        var (_, title) = await ShareAsync(author, "Members");
        Assert.Contains(title, (await reader.GetDocumentAsync("/lanaudiere/outils")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ANotificationsPage_IsTheMembersOwn_AndMovesWithTheirBell()
    {
        var (first, firstAccount) = await MemberAsync("outaouais");
        var (second, secondAccount) = await MemberAsync("outaouais");
        async Task NotifyAsync(TestAccount to, string text)
        {
            using var scope = factory.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(
                new Notice(RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key, [to.UserId], text, "/outaouais/outils"));
            // Rows first: the notice is written with the unit of work it belongs to.
            await scope.ServiceProvider.GetRequiredService<RqiiacPortail.Web.Data.PortalDbContext>().SaveChangesAsync();
        }
        await NotifyAsync(firstAccount, "Pour la première seulement");
        await NotifyAsync(secondAccount, "Pour la seconde seulement");

        Assert.Contains("Pour la première seulement", (await first.GetDocumentAsync("/notifications")).QuerySelector("main")!.TextContent);
        var before = Served;
        Assert.Contains("Pour la première seulement", (await first.GetDocumentAsync("/notifications")).QuerySelector("main")!.TextContent);
        Assert.Equal(before + 1, Served);
        var other = (await second.GetDocumentAsync("/notifications")).QuerySelector("main")!.TextContent;
        Assert.Contains("Pour la seconde seulement", other);
        Assert.DoesNotContain("Pour la première seulement", other);

        await NotifyAsync(firstAccount, "Une de plus");
        Assert.Contains("Une de plus", (await first.GetDocumentAsync("/notifications")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task AnAuthor_GetsTheirOwnCopyOfTheirTool_AndOthersOfTheirKindNeverGetIt()
    {
        var (author, _) = await MemberAsync("laurentides");
        var (id, _) = await ShareAsync(author, "Public");
        var (colleague, _) = await MemberAsync("laurentides");
        // ShareAsync shares into Lanaudière; the two are of one kind (members of the Laurentides).
        var url = $"/lanaudiere/outils/{id}";
        for (var i = 0; i < 2; i++)
        {
            Assert.NotNull((await author.GetDocumentAsync(url)).QuerySelector("form[action*='handler=Retirer']"));
            Assert.Null((await colleague.GetDocumentAsync(url)).QuerySelector("form[action*='handler=Retirer']"));
        }
        // Nor does the library the author reads, kept apart from the others' (their own tools show wherever they went).
        Assert.NotNull((await author.GetDocumentAsync("/lanaudiere/outils")).QuerySelector($"main a[href^='/lanaudiere/outils/{id}-']"));
    }

    [Fact]
    public async Task AThreadPage_KeptForAKind_CarriesEachReadersOwnMarks()
    {
        var (moderator, _) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        var thread = await moderator.StartThreadAsync(ForumSteps.LanaudiereHelp, $"Marques {Guid.NewGuid():N}"[..30], "Premier message.");
        var reply = await moderator.ReplyAsync("/lanaudiere", thread, "Une réponse à remercier.");
        var (first, _) = await MemberAsync("lanaudiere");
        var (second, _) = await MemberAsync("lanaudiere");
        var url = $"/lanaudiere/forum/sujets/{thread}";
        var list = $"/lanaudiere/forum/{ForumSteps.LanaudiereHelp}";
        bool Unread(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("main .topic").Single(t => t.QuerySelector($"a[href*='/sujets/{thread}-']") is not null).ClassList.Contains("topic--unread");

        // The first thanks, flags and follows; the page made for them is then given to the second, without any of it.
        await first.PostWithTokenAsync($"{url}?handler=Merci&message={reply}", new Dictionary<string, string>());
        await first.PostWithTokenAsync($"{url}?handler=Signaler&message={reply}", new Dictionary<string, string> { ["signalement.Reason"] = "Pour éprouver les marques." });
        await first.PostWithTokenAsync($"{url}?handler=Suivre", new Dictionary<string, string> { ["suivre"] = "true" });
        var mine = await first.GetDocumentAsync(url);
        Assert.True(Unread(await second.GetDocumentAsync(list)), "never opened by the second");
        var before = Served;
        var theirs = await second.GetDocumentAsync(url);
        Assert.Equal(before + 1, Served);
        // The page's own sections come with the copy (its script: drafts, live replies, mentions).
        Assert.Equal(mine.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")), theirs.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")));
        Assert.NotNull(theirs.QuerySelector("script[src*='/js/forum']"));

        string Pressed(AngleSharp.Dom.IDocument page) => page.QuerySelector($"#message-{reply} button[aria-pressed]")!.GetAttribute("aria-pressed")!;
        Assert.Equal("true", Pressed(mine));
        Assert.Equal("false", Pressed(theirs));
        Assert.Contains("Signalé", mine.QuerySelector($"#message-{reply} .post__flag summary")!.TextContent);
        Assert.Null(mine.QuerySelector($"#message-{reply} .post__flag form"));
        Assert.Contains("Signaler", theirs.QuerySelector($"#message-{reply} .post__flag summary")!.TextContent);
        Assert.NotNull(theirs.QuerySelector($"#message-{reply} .post__flag form"));
        Assert.Contains("Ne plus suivre ce sujet", mine.QuerySelector("main")!.TextContent);
        Assert.Contains("Suivre ce sujet", theirs.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Ne plus suivre ce sujet", theirs.QuerySelector("main")!.TextContent);

        // Read from the kept copy, the thread is read for the second as well: the category's list (kept too) says so.
        Assert.False(Unread(await second.GetDocumentAsync(list)));
        Assert.False(Unread(await first.GetDocumentAsync(list)));
        await moderator.ReplyAsync("/lanaudiere", thread, "Du nouveau.");
        Assert.True(Unread(await second.GetDocumentAsync(list)));
    }

    [Fact]
    public async Task AMemberWhoWroteInAThread_ReadsTheirOwnCopy()
    {
        var (author, _) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        var thread = await author.StartThreadAsync(ForumSteps.LanaudiereHelp, $"Copie de l'auteur {Guid.NewGuid():N}"[..30], "Mon message.");
        var (colleague, _) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        var url = $"/lanaudiere/forum/sujets/{thread}";
        for (var i = 0; i < 2; i++)
        {
            Assert.NotNull((await author.GetDocumentAsync(url)).QuerySelector("main a[href$='/modifier']"));
            Assert.Null((await colleague.GetDocumentAsync(url)).QuerySelector("main a[href$='/modifier']"));
        }
    }

    [Fact]
    public async Task APseudonymousAuthorsCopy_NeverReachesAnotherMember()
    {
        var authorAccount = await factory.CreateMemberAsync("lanaudiere");
        var author = await factory.SignedInAsync(authorAccount);
        var (reader, _) = await MemberAsync("lanaudiere");
        var (moderator, _) = await MemberAsync("lanaudiere", ("national", Roles.Moderator));
        var thread = await author.StartThreadAsync(ForumSteps.Ethics, $"Dilemme gardé {Guid.NewGuid():N}"[..30], "Une situation délicate.", "Loutre discrète",
            new Dictionary<string, string> { ["Input.Confirmed"] = "true" });
        var first = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = first.ToString() })).StatusCode);

        // The author's page is made first (her « Modifier » on her post); the reader, of her kind, never gets it.
        Assert.NotNull((await author.GetDocumentAsync($"/forum/sujets/{thread}")).QuerySelector("main a[href$='/modifier']"));
        for (var i = 0; i < 2; i++)
        {
            var page = await reader.GetDocumentAsync($"/forum/sujets/{thread}");
            Assert.Null(page.QuerySelector("main a[href$='/modifier']"));
            Assert.Contains("Loutre discrète", page.QuerySelector("main")!.TextContent);
            Assert.DoesNotContain(authorAccount.DisplayName, page.DocumentElement.OuterHtml);
        }
    }

    [Fact]
    public async Task AnEventPage_TellsARegisteredMemberWhereTheyStand_AndNoOneElseOfTheirKind()
    {
        var e = await factory.CreateEventAsync();
        var (registered, _) = await MemberAsync("lanaudiere");
        var (other, _) = await MemberAsync("lanaudiere");
        (await other.GetAsync(EventSteps.PathOf(e))).Dispose();
        await registered.RegisterAsync(e);
        for (var i = 0; i < 2; i++)
        {
            Assert.Contains("Vous êtes inscrit·e", (await registered.GetDocumentAsync(EventSteps.PathOf(e))).QuerySelector("main")!.TextContent);
            var page = (await other.GetDocumentAsync(EventSteps.PathOf(e))).QuerySelector("main")!.TextContent;
            Assert.DoesNotContain("Vous êtes inscrit·e", page);
            Assert.Contains("M'inscrire", page);
        }
    }
}

public sealed class SqliteKeptPageTests(SqlitePortalFactory factory) : KeptPageTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresKeptPageTests(PostgresPortalFactory factory) : KeptPageTests<PostgresPortalFactory>(factory);
