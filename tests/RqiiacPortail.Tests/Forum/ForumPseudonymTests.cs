using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using static RqiiacPortail.Tests.Forum.ForumSteps;

namespace RqiiacPortail.Tests.Forum;

/// <summary>
/// Pseudonyms hold: the author of a pseudonymous dilemma replies under her pseudonym unless she confirms otherwise,
/// a pseudonym is one person's in a thread and passes for no member, and it carries its badge in every list.
/// </summary>
public abstract class ForumPseudonymTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static readonly Dictionary<string, string> Confirmed = new() { ["Input.Confirmed"] = "true" };

    private async Task<(TestAccount Account, HttpClient Client)> MemberAsync(params (string Slug, string Role)[] roles)
    {
        var account = await factory.CreateMemberAsync("lanaudiere", roles);
        return (account, await factory.SignedInAsync(account));
    }

    private static string NameOf(TestAccount account) => $"Membre {account.Email.Split('-')[1].Split('@')[0]}";

    /// <summary>A dilemma started under <paramref name="pseudonym"/> and approved by a national moderator.</summary>
    private async Task<int> ApprovedDilemmaAsync(HttpClient author, HttpClient moderator, string pseudonym, string title)
    {
        var thread = await author.StartThreadAsync(Ethics, title, "Une situation délicate avec un partenaire.", pseudonym, Confirmed);
        var first = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = first.ToString() })).StatusCode);
        return thread;
    }

    [Fact]
    public async Task TheAuthorsReply_InHerPseudonymousThread_CarriesThePseudonym_AndNamesHerNowhere()
    {
        var (author, authorClient) = await MemberAsync();
        var (follower, followerClient) = await MemberAsync();
        var (_, moderator) = await MemberAsync(("national", Roles.Moderator));
        var thread = await ApprovedDilemmaAsync(authorClient, moderator, "Héron cendré", "Une loyauté partagée");
        await followerClient.SubmitFormAsync($"/forum/sujets/{thread}", new Dictionary<string, string> { ["suivre"] = "true" }, "Suivre");

        // Her form shows the pseudonym, filled in and not editable.
        var form = await authorClient.GetDocumentAsync($"/forum/sujets/{thread}");
        var shown = form.QuerySelector("#Input_Pseudonym")!;
        Assert.Equal("Héron cendré", shown.GetAttribute("value"));
        Assert.True(shown.HasAttribute("readonly"));
        Assert.Null(shown.GetAttribute("name"));

        // She leaves the field alone (a forged post may even send another pseudonym): the thread's goes out.
        var reply = await authorClient.ReplyAsync("", thread, "Merci pour vos avis, je reviens avec la suite.", more: Confirmed);
        var forged = await authorClient.ReplyAsync("", thread, "Et une autre précision.", "Autre nom", Confirmed);
        Assert.Equal("Héron cendré", (await factory.PostAsync(reply)).Pseudonym);
        Assert.Equal("Héron cendré", (await factory.PostAsync(forged)).Pseudonym);
        foreach (var id in new[] { reply, forged })
            await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = id.ToString() });
        await factory.EventsHandledAsync();

        var leaks = new[] { NameOf(author), author.Email.Split('@')[0], author.UserId };
        void NoLeak(string where, string text)
        {
            foreach (var leak in leaks) Assert.False(text.Contains(leak, StringComparison.OrdinalIgnoreCase), $"{where} names the author ({leak}): {Html.Excerpt(text)}");
        }
        NoLeak("the thread page", await (await followerClient.GetAsync($"/forum/sujets/{thread}")).TextAsync());
        NoLeak("the history", await (await moderator.GetAsync($"/forum/messages/{reply}/historique")).TextAsync());
        var notices = await factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == follower.UserId).ToListAsync());
        Assert.Contains(notices, n => n.Title == "Héron cendré a répondu dans « Une loyauté partagée »");
        foreach (var n in notices) NoLeak("a notification", $"{n.Title} {n.Body}");
        var mails = await factory.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To == follower.Email).ToListAsync());
        Assert.NotEmpty(mails);
        foreach (var m in mails) NoLeak("an e-mail", $"{m.Subject} {m.TextBody} {m.HtmlBody}");

        // Her name only by an explicit, confirmed choice.
        var unconfirmed = await authorClient.TryReplyAsync("", thread, "Je signe de mon nom.", more: new Dictionary<string, string>(Confirmed) { ["Input.UnderOwnName"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Contains("Confirmez que vous signez de votre nom", Html.FieldError(await unconfirmed.DocumentAsync(), "Input.UnderOwnNameConfirmed"));
        var signed = await authorClient.ReplyAsync("", thread, "Je signe de mon nom.",
            more: new Dictionary<string, string>(Confirmed) { ["Input.UnderOwnName"] = "true", ["Input.UnderOwnNameConfirmed"] = "true" });
        Assert.Null((await factory.PostAsync(signed)).Pseudonym);
    }

    [Fact]
    public async Task OnceHerPseudonymIsApproved_HerRepliesFollowTheOrdinaryRule_AndOthersPseudonymsStillWait()
    {
        var (_, trusted) = await MemberAsync(("lanaudiere", Roles.Moderator));
        var (_, moderator) = await MemberAsync(("national", Roles.Moderator));
        // Enough posts approved in the national section for the ordinary rule to let her through.
        for (var i = 0; i < 2; i++)
        {
            var own = await trusted.StartThreadAsync(Practices, $"Un outil de mobilisation {i}", "Une grille d'animation.");
            var first = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == own).Select(p => p.Id).SingleAsync());
            await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = first.ToString() });
        }
        var thread = await ApprovedDilemmaAsync(trusted, moderator, "Martin-pêcheur", "Un financement conditionnel");

        var reply = await trusted.ReplyAsync("", thread, "La suite de l'histoire.", more: Confirmed);
        Assert.Equal(PostStatus.Published, (await factory.PostAsync(reply)).Status);

        // Another member's new pseudonym in the thread is reviewed first.
        var (_, other) = await MemberAsync(("lanaudiere", Roles.Moderator));
        var theirs = await other.ReplyAsync("", thread, "Vécu semblable.", "Bernache", Confirmed);
        Assert.Equal(PostStatus.Pending, (await factory.PostAsync(theirs)).Status);
    }

    [Fact]
    public async Task APseudonymIsOnePersonsInAThread_AndNeverAMembersName()
    {
        var (_, author) = await MemberAsync();
        var (_, moderator) = await MemberAsync(("national", Roles.Moderator));
        var thread = await ApprovedDilemmaAsync(author, moderator, "Grand Héron", "Une pression politique");
        var (_, other) = await MemberAsync();
        var posts = await factory.WithDbAsync(db => db.Set<ForumPost>().CountAsync(p => p.ThreadId == thread));

        // The author's pseudonym, in any case and accents, is hers in the thread.
        foreach (var taken in new[] { "Grand Héron", "grand heron", "GRAND-HÉRON" })
        {
            var refused = await other.TryReplyAsync("", thread, "Je me fais passer pour elle.", taken, Confirmed);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal(ForumPseudonyms.TakenInThread, Html.FieldError(await refused.DocumentAsync(), "Input.Pseudonym"));
        }

        // A member's display name, or user name, compared without case or accents, is nobody's pseudonym.
        var (someone, _) = await MemberAsync();
        var suffix = someone.Email.Split('-')[1].Split('@')[0];
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Set<PortalUser>().SingleAsync(u => u.Id == someone.UserId);
            user.FirstName = "Geneviève";
            user.LastName = $"Lavoie {suffix}";
            user.UserName = $"gene-lavoie-{suffix}";
            user.NormalizedUserName = user.UserName.ToUpperInvariant();
            return await db.SaveChangesAsync();
        });
        foreach (var name in new[] { $"Genevieve Lavoie {suffix}", $"GENEVIÈVE lavoie {suffix}", $"Gène Lavoie {suffix}" })
        {
            var refused = await other.TryReplyAsync("", thread, "Sous le nom d'une autre.", name, Confirmed);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal(ForumPseudonyms.MembersName, Html.FieldError(await refused.DocumentAsync(), "Input.Pseudonym"));
            var started = await other.TryStartThreadAsync(Ethics, "Un autre dilemme", "Une situation.", name, Confirmed);
            Assert.Equal(ForumPseudonyms.MembersName, Html.FieldError(await started.DocumentAsync(), "Input.Pseudonym"));
        }
        Assert.Equal(posts, await factory.WithDbAsync(db => db.Set<ForumPost>().CountAsync(p => p.ThreadId == thread)));

        // Ten members taking one new pseudonym at once: one has it.
        var clients = new List<HttpClient>();
        for (var i = 0; i < 10; i++) clients.Add((await MemberAsync()).Client);
        var answers = await Task.WhenAll(clients.Select(c => c.TryReplyAsync("", thread, "Moi aussi.", "Sterne arctique", Confirmed)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect), a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.StatusCode));
        Assert.Single(await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread && p.Pseudonym == "Sterne arctique").Select(p => p.AuthorId).Distinct().ToListAsync()));
    }

    [Fact]
    public async Task APseudonymousThread_CarriesItsBadge_InTheCategoryAndTheForumsHome()
    {
        var (_, author) = await MemberAsync();
        var (_, moderator) = await MemberAsync(("national", Roles.Moderator));
        await ApprovedDilemmaAsync(author, moderator, "Bécasseau", "Un conflit d'allégeance");
        var (_, reader) = await MemberAsync();

        foreach (var page in new[] { $"/forum/{Ethics}", "/forum" })
        {
            var document = await reader.GetDocumentAsync(page);
            var line = document.QuerySelectorAll("main li, main tr").First(e => e.TextContent.Contains("Un conflit d'allégeance"));
            Assert.Contains("Bécasseau", line.TextContent);
            Assert.NotNull(line.QuerySelector(".badge:not(.badge--new)"));
            Assert.Contains("pseudonyme", line.TextContent);
        }
    }
}

public sealed class SqliteForumPseudonymTests(SqlitePortalFactory factory) : ForumPseudonymTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresForumPseudonymTests(PostgresPortalFactory factory) : ForumPseudonymTests<PostgresPortalFactory>(factory);
