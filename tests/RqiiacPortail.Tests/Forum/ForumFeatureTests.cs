using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy;
using static RqiiacPortail.Tests.Forum.ForumSteps;

namespace RqiiacPortail.Tests.Forum;

/// <summary>
/// Forum features each with a test of its own: pinned threads first, the unread marker, a thread's themes, the
/// home blocks' latest threads, posts in the member's data copy, a refusal's reason reaching its author.
/// </summary>
public abstract class ForumFeatureTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<(TestAccount Account, HttpClient Client)> MemberAsync(string home = "lanaudiere", params (string, string)[] roles)
    {
        var account = await factory.CreateMemberAsync(home, roles);
        return (account, await factory.SignedInAsync(account));
    }

    private static List<string> Titles(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("main .topic .topic__title a").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public async Task APinnedThread_ComesFirstInItsCategory_UntilItIsUnpinned()
    {
        var (_, moderator) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        var older = await moderator.StartThreadAsync(LanaudiereHelp, $"Règles de l'entraide {Guid.NewGuid():N}"[..40], "À lire avant d'écrire.");
        var newer = await moderator.StartThreadAsync(LanaudiereHelp, $"Question du jour {Guid.NewGuid():N}"[..36], "Qui connaît un local à Rawdon?");
        var (olderTitle, newerTitle) = ((await factory.ThreadAsync(older)).Title, (await factory.ThreadAsync(newer)).Title);
        var list = $"/lanaudiere/forum/{LanaudiereHelp}";

        var before = Titles(await moderator.GetDocumentAsync(list));
        Assert.True(before.IndexOf(newerTitle) < before.IndexOf(olderTitle), "newest activity first");

        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ModerateAsync("Epingler", new Dictionary<string, string> { ["sujet"] = older.ToString() })).StatusCode);
        var pinned = await moderator.GetDocumentAsync(list);
        Assert.Equal(olderTitle, Titles(pinned)[0]);
        Assert.Contains("Épinglé", pinned.QuerySelectorAll("main .topic")[0].TextContent);

        await moderator.ModerateAsync("Desepingler", new Dictionary<string, string> { ["sujet"] = older.ToString() });
        var after = Titles(await moderator.GetDocumentAsync(list));
        Assert.True(after.IndexOf(newerTitle) < after.IndexOf(olderTitle));
    }

    [Fact]
    public async Task TheUnreadMarker_ShowsReplies_SinceTheMemberLastReadTheThread()
    {
        var (_, moderator) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        var (_, reader) = await MemberAsync();
        var thread = await moderator.StartThreadAsync(LanaudiereHelp, $"Marqueur {Guid.NewGuid():N}"[..30], "Premier message.");
        var title = (await factory.ThreadAsync(thread)).Title;
        var list = $"/lanaudiere/forum/{LanaudiereHelp}";
        bool Unread(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("main .topic").Single(t => t.TextContent.Contains(title)).ClassList.Contains("topic--unread");

        Assert.True(Unread(await reader.GetDocumentAsync(list)), "never opened: new to this reader");
        await reader.GetDocumentAsync($"/lanaudiere/forum/sujets/{thread}");
        Assert.False(Unread(await reader.GetDocumentAsync(list)));

        await moderator.ReplyAsync("/lanaudiere", thread, "Une suite à lire.");
        var page = await reader.GetDocumentAsync(list);
        Assert.True(Unread(page));
        Assert.Contains("nouveau", page.QuerySelectorAll("main .topic").Single(t => t.TextContent.Contains(title)).TextContent);
        Assert.False(Unread(await moderator.GetDocumentAsync(list)), "one's own reply is not news to oneself");
    }

    [Fact]
    public async Task AThreadsThemes_AreShownOnIt_AndOnlyKnownThemesAreTaken()
    {
        var (_, moderator) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        // A field of practice, one of the vocabularies a thread is described with.
        var term = await factory.WithDbAsync(db => db.Set<Term>().FirstAsync(t => t.Name == "Logement"));

        var thread = await moderator.StartThreadAsync(LanaudiereHelp, "Un sujet avec un thème", "Le thème dit de quoi il s'agit.",
            more: new Dictionary<string, string> { ["Input.Terms[0]"] = term.Id.ToString() });

        var page = await moderator.GetDocumentAsync($"/lanaudiere/forum/sujets/{thread}");
        Assert.Equal([term.Name], page.QuerySelectorAll("main ul.tags .tag").Select(t => t.TextContent.Trim()));
        var forged = await moderator.TryStartThreadAsync(LanaudiereHelp, "Un thème inventé", "Ce thème n'existe pas.",
            more: new Dictionary<string, string> { ["Input.Terms[0]"] = "999999" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Contains("Un des thèmes choisis n'existe pas", await forged.TextAsync());
    }

    [Fact]
    public async Task TheHomeBlocks_ListTheLatestThreads_ButNeverAMembersOnlyTitleToAVisitor()
    {
        var (_, moderator) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        var (_, outsider) = await MemberAsync("monteregie");
        var secret = $"Sujet réservé {Guid.NewGuid():N}"[..34];
        await moderator.StartThreadAsync(LanaudiereHelp, secret, "Réservé aux membres de Lanaudière.");
        var open = $"Sujet ouvert {Guid.NewGuid():N}"[..33];
        var (_, national) = await MemberAsync("lanaudiere", ("national", Roles.Moderator));
        await national.StartThreadAsync(Practices, open, "Tout le monde peut le lire.");
        var visitor = factory.CreatePortalClient();

        var member = (await moderator.GetDocumentAsync("/lanaudiere/")).QuerySelector("#derniers-sujets")!.ParentElement!.TextContent;
        Assert.Contains(secret, member);
        Assert.Contains(open, member);
        foreach (var home in new[] { "/", "/lanaudiere/" })
        {
            var seen = await visitor.GetStringAsync(home);
            Assert.DoesNotContain(secret, seen);
            Assert.Contains(open, seen);
        }
        Assert.DoesNotContain(secret, await outsider.GetStringAsync("/"));
    }

    [Fact]
    public async Task AMembersDataCopy_HoldsTheirPosts_AndTheThreadEachBelongsTo()
    {
        var (_, member) = await MemberAsync();
        await factory.SetFirstPostsToModerateAsync("lanaudiere", 0);
        try
        {
            var thread = await member.StartThreadAsync(LanaudiereHelp, "Ma question pour la copie", "Un texte qui est le mien.");
            await member.ReplyAsync("/lanaudiere", thread, "Et ma réponse aussi.");

            using var copy = JsonDocument.Parse(await member.GetStringAsync("/compte/donnees"));
            var posts = copy.RootElement.GetProperty("discussions").GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["Un texte qui est le mien.", "Et ma réponse aussi."], posts.Select(p => p.GetProperty("texte").GetString()));
            Assert.All(posts, p => Assert.Equal("Ma question pour la copie", p.GetProperty("sujet").GetString()));
        }
        finally { await factory.SetFirstPostsToModerateAsync("lanaudiere", ForumSectionSettings.DefaultFirstPostsToModerate); }
    }

    [Fact]
    public async Task ARefusal_ReachesItsAuthor_WithItsReason_InTheSiteAndByEMail()
    {
        var (author, client) = await MemberAsync();
        var (_, moderator) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        var thread = await client.StartThreadAsync(LanaudiereHelp, "Offre de services de consultation", "Contactez mon entreprise.");
        var post = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());

        await moderator.ModerateAsync("Refuser", new Dictionary<string, string> { ["message"] = post.ToString(), ["motif"] = "Sollicitation commerciale." });

        var notifications = (await client.GetDocumentAsync("/notifications")).QuerySelector("main")!.TextContent;
        Assert.Contains("Votre message dans « Offre de services de consultation » n'a pas été publié", notifications);
        var mail = await Mailbox.WaitForAsync(author.Email, m => m.Subject.Contains("n'a pas été publié"));
        Assert.Contains("Motif de la modération : Sollicitation commerciale.", mail.TextBody);
        Assert.Contains("Sollicitation commerciale.", (await client.GetDocumentAsync($"/lanaudiere/forum/sujets/{thread}")).QuerySelector("main .posts")!.TextContent);
    }
}

public sealed class SqliteForumFeatureTests(SqlitePortalFactory factory) : ForumFeatureTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresForumFeatureTests(PostgresPortalFactory factory) : ForumFeatureTests<PostgresPortalFactory>(factory);
