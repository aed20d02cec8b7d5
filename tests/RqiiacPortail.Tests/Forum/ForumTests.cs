using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using static RqiiacPortail.Tests.Forum.ForumSteps;

namespace RqiiacPortail.Tests.Forum;

/// <summary>The forum end to end through its pages: posting, pre-moderation, flags, locks, edits, follows, search, leaving.</summary>
public abstract class ForumTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    /// <summary>A member whose posts go out at once: the section's moderator (trusted by the pre-moderation).</summary>
    private async Task<(TestAccount Account, HttpClient Client)> TrustedAsync(string section = "lanaudiere")
    {
        var account = await factory.CreateMemberAsync("lanaudiere", (section, Roles.Moderator));
        return (account, await factory.SignedInAsync(account));
    }

    private async Task<(TestAccount Account, HttpClient Client)> MemberAsync(string home = "lanaudiere")
    {
        var account = await factory.CreateMemberAsync(home);
        return (account, await factory.SignedInAsync(account));
    }

    [Fact]
    public async Task TheNationalRecipe_MakesTheCategories_AndALongSampleThread()
    {
        var visitor = factory.CreatePortalClient();

        var forum = await visitor.GetDocumentAsync("/forum");
        var names = forum.QuerySelectorAll("main .categories a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Pratiques et outils", names);
        Assert.Contains("Relève et formation", names);
        Assert.Contains("Annonces", names);
        Assert.DoesNotContain("Éthique et dilemmes", names); // members only: visitors do not see it at all
        var (_, member) = await MemberAsync();
        Assert.Contains("Éthique et dilemmes", (await member.GetDocumentAsync("/forum")).QuerySelectorAll("main .categories a").Select(a => a.TextContent.Trim()));
        // A region's forum: its own categories (here for its members only), then the network's.
        var lanaudiere = await member.GetDocumentAsync("/lanaudiere/forum");
        Assert.Equal(["Discussions de la région Lanaudière", "Discussions du réseau"], lanaudiere.QuerySelectorAll("main section h2").Take(2).Select(h => h.TextContent.Trim()));
        Assert.Contains("Entraide – Lanaudière", lanaudiere.QuerySelector("main .categories")!.TextContent);
        Assert.Equal("Discussions du réseau", (await visitor.GetDocumentAsync("/lanaudiere/forum")).QuerySelector("main section h2")!.TextContent.Trim());
        var longest = await factory.WithDbAsync(db => db.Set<ForumThread>().IgnoreQueryFilters().MaxAsync(t => t.ReplyCount));
        Assert.True(longest >= 50, $"longest sample thread: {longest} replies");
    }

    [Fact]
    public async Task ANewMembersFirstPosts_WaitForApproval_ThenGoOut_AndTheAuthorIsTold()
    {
        var (author, client) = await MemberAsync();
        var (_, neighbour) = await MemberAsync();
        var (_, moderator) = await TrustedAsync();

        var thread = await client.StartThreadAsync(LanaudiereHelp, "Covoiturage vers la table de Joliette", "Qui descend jeudi? Il reste deux places.");

        Assert.Equal(ThreadStatus.Pending, (await factory.ThreadAsync(thread)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/lanaudiere/forum/sujets/{thread}")).StatusCode);
        var own = await client.GetDocumentAsync($"/lanaudiere/forum/sujets/{thread}");
        Assert.Contains("en attente d'approbation", own.QuerySelector("main .posts")!.TextContent);
        var queue = await moderator.GetDocumentAsync("/admin/moderation");
        Assert.Contains("Covoiturage vers la table de Joliette", queue.QuerySelector("main .queue")!.TextContent);

        var first = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = first.ToString() })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync($"/lanaudiere/forum/sujets/{thread}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.UserId == author.UserId && n.Kind == ForumModule.ModerationKind.Key)));
        var second = await client.ReplyAsync("/lanaudiere", thread, "Finalement, trois places.");
        Assert.Equal(PostStatus.Pending, (await factory.PostAsync(second)).Status);
        await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = second.ToString() });
        var third = await client.ReplyAsync("/lanaudiere", thread, "Départ à 8 h devant le CLSC.");
        Assert.Equal(PostStatus.Published, (await factory.PostAsync(third)).Status);
        Assert.Equal(2, (await factory.ThreadAsync(thread)).ReplyCount);
    }

    [Fact]
    public async Task AnApprovedFirstPost_EditedWhileUnderTheRule_WaitsForApprovalAgain()
    {
        var (_, newcomer) = await MemberAsync();
        var (_, reader) = await MemberAsync();
        var (_, moderator) = await TrustedAsync();
        var thread = await newcomer.StartThreadAsync(LanaudiereHelp, "Salle pour la table de quartier", "Qui connaît une salle libre mardi?");
        var first = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = first.ToString() });

        var edited = await newcomer.SubmitFormAsync($"/forum/messages/{first}/modifier",
            new Dictionary<string, string> { ["Input.Body"] = "ACHETEZ MAINTENANT : pourriel-colibri", ["Input.Title"] = "Salle pour la table de quartier" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        Assert.Equal(PostStatus.Pending, (await factory.PostAsync(first)).Status);
        Assert.DoesNotContain("pourriel-colibri", await (await reader.GetAsync($"/lanaudiere/forum/sujets/{thread}")).TextAsync());
        Assert.Contains("pourriel-colibri", (await moderator.GetDocumentAsync("/admin/moderation")).QuerySelector("main .queue")!.TextContent);
    }

    [Fact]
    public async Task ASectionWithoutPremoderation_ExemptsNobody_InTheNetworksCategories()
    {
        await factory.SetFirstPostsToModerateAsync("monteregie", 0);
        try
        {
            var (_, newcomer) = await MemberAsync("monteregie");
            var local = await newcomer.StartThreadAsync(MonteregieHelp, "Bonjour de Longueuil", "Nouvelle OC au CLSC.");
            var again = await newcomer.StartThreadAsync(MonteregieHelp, "Une ressource en logement", "Un comité à connaître.");
            Assert.Equal(ThreadStatus.Published, (await factory.ThreadAsync(local)).Status);
            Assert.Equal(ThreadStatus.Published, (await factory.ThreadAsync(again)).Status);

            var national = await newcomer.StartThreadAsync(Practices, "Une grille d'analyse du milieu", "Je la partage volontiers.");
            Assert.Equal(ThreadStatus.Pending, (await factory.ThreadAsync(national)).Status);
        }
        finally
        {
            await factory.SetFirstPostsToModerateAsync("monteregie", ForumSectionSettings.DefaultFirstPostsToModerate);
        }
    }

    [Fact]
    public async Task APostFlaggedByThreeMembers_IsHidden_UntilAModeratorRestoresIt()
    {
        var (_, moderator) = await TrustedAsync("national");
        var thread = await moderator.StartThreadAsync(Practices, "Une grille d'entrevue", "Voici ma grille : girafe turquoise.");
        var post = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        var visitor = factory.CreatePortalClient();
        var flaggers = new List<HttpClient>();
        var flaggerNames = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (account, client) = await MemberAsync();
            await factory.EstablishAsync(account, thread);
            flaggers.Add(client);
            flaggerNames.Add(account.DisplayName);
        }

        async Task<HttpResponseMessage> FlagAsync(HttpClient c) =>
            await c.SubmitFormAsync($"/forum/sujets/{thread}", new Dictionary<string, string> { ["signalement.Reason"] = "Propos déplacés." }, "Signaler");
        Assert.Equal(HttpStatusCode.Redirect, (await FlagAsync(flaggers[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await flaggers[0].PostWithTokenAsync($"/forum/sujets/{thread}?handler=Signaler&message={post}",
            new Dictionary<string, string> { ["signalement.Reason"] = "Encore." })).StatusCode);
        await FlagAsync(flaggers[1]);
        Assert.Contains("girafe turquoise", await (await visitor.GetAsync($"/forum/sujets/{thread}")).TextAsync());
        Assert.Equal(2, (await factory.PostAsync(post)).FlagCount); // one flag per member, whatever they send

        await FlagAsync(flaggers[2]);

        var hidden = await (await visitor.GetAsync($"/forum/sujets/{thread}")).TextAsync();
        Assert.DoesNotContain("girafe turquoise", hidden);
        Assert.Contains("Message masqué par la modération", hidden);
        Assert.Equal(PostStatus.Hidden, (await factory.PostAsync(post)).Status);
        var queue = (await moderator.GetDocumentAsync("/admin/moderation")).QuerySelector("main .queue")!;
        Assert.Contains("3 signalements", queue.TextContent);
        // Each flag says who raised it and why.
        var flags = queue.QuerySelectorAll(":scope > li").Single(li => li.QuerySelector("h3")!.TextContent.Contains("Une grille d'entrevue"))
            .QuerySelectorAll(".flags li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, flags.Count);
        Assert.All(flaggerNames, name => Assert.Contains(flags, f => f.StartsWith(name, StringComparison.Ordinal) && f.EndsWith("Propos déplacés.", StringComparison.Ordinal)));

        await moderator.ModerateAsync("Retablir", new Dictionary<string, string> { ["message"] = post.ToString() });
        Assert.Contains("girafe turquoise", await (await visitor.GetAsync($"/forum/sujets/{thread}")).TextAsync());
        Assert.False((await factory.PostAsync(post)).FlagsToReview);
    }

    [Fact]
    public async Task FlagsFromBrandNewMembers_ReachTheQueue_ButHideNothing_AndAPinnedPostWaitsForAModerator()
    {
        var (_, moderator) = await TrustedAsync("national");
        var thread = await moderator.StartThreadAsync(Practices, "Un bon coup à partager", "Notre table a obtenu son financement : ibis rouge.");
        var post = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        async Task FlagAsync(HttpClient c) => Assert.Equal(HttpStatusCode.Redirect, (await c.SubmitFormAsync($"/forum/sujets/{thread}",
            new Dictionary<string, string> { ["signalement.Reason"] = "Je n'aime pas." }, "Signaler")).StatusCode);

        for (var i = 0; i < 4; i++) await FlagAsync((await MemberAsync()).Client);

        Assert.Equal(PostStatus.Published, (await factory.PostAsync(post)).Status);
        Assert.Contains("ibis rouge", await (await factory.CreatePortalClient().GetAsync($"/forum/sujets/{thread}")).TextAsync());
        Assert.Contains("4 signalements", (await moderator.GetDocumentAsync("/admin/moderation")).QuerySelector("main .queue")!.TextContent);

        // Pinned, even members in good standing only send it to the queue.
        await moderator.ModerateAsync("Epingler", new Dictionary<string, string> { ["sujet"] = thread.ToString() });
        for (var i = 0; i < 3; i++)
        {
            var (account, client) = await MemberAsync();
            await factory.EstablishAsync(account, thread);
            await FlagAsync(client);
        }
        Assert.Equal(PostStatus.Published, (await factory.PostAsync(post)).Status);
        Assert.True((await factory.PostAsync(post)).FlagsToReview);
    }

    [Fact]
    public async Task ALockedThread_TakesNoReply_AndASuspendedMemberCannotPost()
    {
        var (_, moderator) = await TrustedAsync("national");
        var (member, client) = await MemberAsync();
        await factory.SetFirstPostsToModerateAsync("national", 0);
        try
        {
            var thread = await moderator.StartThreadAsync(Practices, "Sujet clos bientôt", "On ferme après la rencontre.");
            var reply = await client.ReplyAsync("", thread, "Merci pour la rencontre.");
            Assert.Equal(HttpStatusCode.Redirect, (await moderator.ModerateAsync("Verrouiller", new Dictionary<string, string> { ["sujet"] = thread.ToString() })).StatusCode);

            // The form is gone from the page; a post made from a page opened before the lock is refused.
            Assert.Contains("Ce sujet est verrouillé", await (await client.GetAsync($"/forum/sujets/{thread}")).TextAsync());
            var refused = await client.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Repondre", new Dictionary<string, string> { ["Input.Body"] = "Une dernière chose?" });
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("Ce sujet est verrouillé", await refused.TextAsync());
            Assert.Equal(2, await factory.WithDbAsync(db => db.Set<ForumPost>().CountAsync(p => p.ThreadId == thread)));

            await moderator.ModerateAsync("Deverrouiller", new Dictionary<string, string> { ["sujet"] = thread.ToString() });
            var noReason = await moderator.ModerateAsync("Suspendre", new Dictionary<string, string> { ["message"] = reply.ToString(), ["jours"] = "7" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            await moderator.ModerateAsync("Suspendre", new Dictionary<string, string> { ["message"] = reply.ToString(), ["jours"] = "7", ["motif"] = "Propos répétés." });

            var suspended = await client.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Repondre", new Dictionary<string, string> { ["Input.Body"] = "Pourquoi?" });
            Assert.Equal(HttpStatusCode.Forbidden, suspended.StatusCode);
            Assert.Contains("Vous ne pouvez pas écrire dans les discussions jusqu'au", await suspended.TextAsync());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/forum/sujets/{thread}")).StatusCode); // reading stays open
            var newThread = await client.GetAsync($"/forum/{Practices}/nouveau");
            Assert.Equal(HttpStatusCode.Forbidden, newThread.StatusCode);
            Assert.Contains("(motif : Propos répétés.)", await newThread.TextAsync());
        }
        finally { await factory.SetFirstPostsToModerateAsync("national", 2); }
    }

    [Fact]
    public async Task MarkupInTitlesBodiesAndMentions_IsNeutralised()
    {
        var (_, moderator) = await TrustedAsync("national");

        var thread = await moderator.StartThreadAsync(Practices, "<script>alert('titre')</script> Outils",
            "<img src=x onerror=alert(1)> [lien](javascript:alert(2)) <iframe src=//evil></iframe> @<b>quelqu'un</b> **gras**");

        var html = await (await factory.CreatePortalClient().GetAsync($"/forum/sujets/{thread}")).BodyAsync();
        var main = Html.Parse(html).QuerySelector("main")!;
        Assert.Empty(main.QuerySelectorAll("script, iframe, img, b"));
        Assert.DoesNotContain(main.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)
            || a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("<script>alert('titre')</script> Outils", main.QuerySelector("h1")!.TextContent);
        Assert.Equal("gras", main.QuerySelector(".post__body strong")!.TextContent);
        // The page's title and the thread list escape it too.
        Assert.Contains("&lt;script&gt;alert", html[..html.IndexOf("<main", StringComparison.Ordinal)]);
    }

    [Fact]
    public async Task BadInput_GetsAFrenchMessageNextToTheField_AndSavesNothing()
    {
        var (_, client) = await TrustedAsync("national");
        var before = await factory.WithDbAsync(db => db.Set<ForumThread>().IgnoreQueryFilters().CountAsync());

        var empty = await client.TryStartThreadAsync(Practices, "Un titre", "");
        var longBody = await client.TryStartThreadAsync(Practices, "Un titre", new string('a', ForumPost.MaxBody + 1));
        var longTitle = await client.TryStartThreadAsync(Practices, new string('t', 201), "Un message.");
        var deep = await client.TryStartThreadAsync(Practices, "Un titre", new string('>', 40) + " trop profond");

        Assert.All(new[] { empty, longBody, longTitle, deep }, r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal("Écrivez votre message.", Html.FieldError(await empty.DocumentAsync(), "Input.Body"));
        Assert.Equal("Un message compte au plus 20 000 caractères.", Html.FieldError(await longBody.DocumentAsync(), "Input.Body"));
        Assert.Equal("Le titre compte au plus 200 caractères.", Html.FieldError(await longTitle.DocumentAsync(), "Input.Title"));
        Assert.Contains("imbrique trop", Html.FieldError(await deep.DocumentAsync(), "Input.Body"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<ForumThread>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task EditingOnesPost_KeepsTheOldTextForModerators_AndDeletingLeavesItsPlace()
    {
        var (_, author) = await TrustedAsync("national");
        var (_, other) = await MemberAsync();
        var (_, moderator) = await TrustedAsync("national");
        var thread = await author.StartThreadAsync(Practices, "Ordre du jour type", "Première version : pélican.");
        var post = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        var reply = await author.ReplyAsync("", thread, "Une précision : flamant.");

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/forum/messages/{post}/modifier")).StatusCode);
        var edited = await author.SubmitFormAsync($"/forum/messages/{post}/modifier", new Dictionary<string, string> { ["Input.Body"] = "Seconde version : cormoran.", ["Input.Title"] = "Ordre du jour type (révisé)" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var page = await (await other.GetAsync($"/forum/sujets/{thread}")).TextAsync();
        Assert.Contains("cormoran", page);
        Assert.Contains("Ordre du jour type (révisé)", page);
        Assert.DoesNotContain("pélican", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/forum/messages/{post}/historique")).StatusCode);
        Assert.Contains("pélican", await (await moderator.GetAsync($"/forum/messages/{post}/historique")).TextAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await author.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Supprimer&message={reply}", new Dictionary<string, string>())).StatusCode);
        var after = await (await other.GetAsync($"/forum/sujets/{thread}")).TextAsync();
        Assert.Contains("Message supprimé par son auteur", after);
        Assert.DoesNotContain("flamant", after);
        Assert.Equal(0, (await factory.ThreadAsync(thread)).ReplyCount);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Supprimer&message={post}", new Dictionary<string, string>())).StatusCode);
    }

    [Fact]
    public async Task TheJournal_FiltersBySectionActionPersonAndDate_AndSaysTheVerb()
    {
        var (moderatorAccount, moderator) = await TrustedAsync();
        var (_, member) = await MemberAsync();
        var refused = await member.StartThreadAsync(LanaudiereHelp, "Sujet à refuser pour le filtre", "Publicité.");
        var refusedPost = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == refused).Select(p => p.Id).SingleAsync());
        var approved = await member.StartThreadAsync(LanaudiereHelp, "Sujet à approuver pour le filtre", "Une vraie question.");
        var approvedPost = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == approved).Select(p => p.Id).SingleAsync());
        await moderator.ModerateAsync("Refuser", new Dictionary<string, string> { ["message"] = refusedPost.ToString(), ["motif"] = "Sollicitation." });
        await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = approvedPost.ToString() });
        var admin = await factory.SignedInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]));
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var today = DateTime.UtcNow.AddHours(-5).ToString("yyyy-MM-dd");

        var page = await admin.GetDocumentAsync($"/admin/journal?section={lanaudiere.Id}&action=forum:refuser&personne={moderatorAccount.UserId}&du={today}&au={today}");
        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();

        Assert.Contains(rows, r => r.Contains($"Message n° {refusedPost} refusé"));
        Assert.DoesNotContain(rows, r => r.Contains($"Message n° {approvedPost} approuvé"));
        Assert.Contains(page.QuerySelectorAll("#action option"), o => o.TextContent == "Message refusé" && o.HasAttribute("selected"));
        Assert.Empty((await admin.GetDocumentAsync($"/admin/journal?action=forum:refuser&personne={moderatorAccount.UserId}&au=2020-01-01")).QuerySelectorAll("tbody tr"));
        // A section one does not moderate is not a filter one may ask for: it reads as « all of mine ».
        var montérégie = await factory.SectionAsync("monteregie");
        Assert.Contains($"Message n° {approvedPost} approuvé", await (await moderator.GetAsync($"/admin/journal?section={montérégie.Id}")).TextAsync());
    }

    [Fact]
    public async Task TheJournalAndTheEventsFilters_TakeForgedValues_WithoutAnError()
    {
        var admin = await factory.SignedInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]));
        var visitor = factory.CreatePortalClient();

        foreach (var query in new[] { "du=pas-une-date&au=2026-13-45", "section=abc&action=forum:refuser:encore", "personne=%3Cscript%3E&p=-5",
                     "du=2026-12-31&au=2026-01-01", $"action={new string('x', 500)}" })
        {
            var response = await admin.GetAsync($"/admin/journal?{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("<script>", await response.BodyAsync());
        }
        foreach (var region in new[] { "%3Cscript%3E", new string('x', 250), "national" })
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/evenements?region={region}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/forum/sujets/2?handler=Message&message=abc")).StatusCode);
    }

    [Fact]
    public async Task AnAdministrator_AppointsNationalModerators_WhoWorkTheNationalQueue_AndReadItsJournal()
    {
        var admin = await factory.SignedInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]));
        var appointee = await factory.CreateMemberAsync("estrie");
        var national = await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Modules.Sections.Section>().Where(s => s.IsNational).Select(s => s.Id).SingleAsync());

        var page = await admin.GetDocumentAsync($"/admin/membres/{appointee.UserId}");
        Assert.Contains(page.QuerySelectorAll("#grant-section option"), o => o.GetAttribute("value") == national.ToString());
        var coordination = await admin.SubmitFormAsync($"/admin/membres/{appointee.UserId}",
            new Dictionary<string, string> { ["Grant.SectionId"] = national.ToString(), ["Grant.Role"] = Roles.Coordinator }, handler: "Attribuer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, coordination.StatusCode);
        Assert.Contains("seul le rôle de modération", (await coordination.DocumentAsync()).QuerySelector("#grant-role-erreur")!.TextContent);
        var granted = await admin.SubmitFormAsync($"/admin/membres/{appointee.UserId}",
            new Dictionary<string, string> { ["Grant.SectionId"] = national.ToString(), ["Grant.Role"] = Roles.Moderator }, handler: "Attribuer");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);

        // A new member's pseudonymous thread in « Éthique et dilemmes » waits in the national queue.
        var (_, member) = await MemberAsync("estrie");
        var thread = await member.StartThreadAsync(Ethics, "Un dilemme à approuver au national", "Faut-il accepter ce financement ?", pseudonym: "Colibri");
        var post = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());
        var moderator = await factory.SignedInAsync(appointee);
        Assert.Contains("Un dilemme à approuver au national", await (await moderator.GetAsync("/admin/moderation")).TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = post.ToString() })).StatusCode);

        Assert.Equal(ThreadStatus.Published, (await factory.ThreadAsync(thread)).Status);
        Assert.Contains($"Message n° {post} approuvé", await (await moderator.GetAsync("/admin/journal")).TextAsync());
        // Regional moderators still do not work the national queue.
        var (_, regional) = await TrustedAsync();
        Assert.DoesNotContain("Un dilemme à approuver au national", await (await regional.GetAsync("/admin/moderation")).TextAsync());
    }

    [Fact]
    public async Task AMemberOfAnotherRegion_IsToldASectionsThreadIsReservedToItsMembers_NotThatItDoesNotExist()
    {
        var (_, author) = await TrustedAsync();
        var thread = await author.StartThreadAsync(LanaudiereHelp, "Entraide réservée à Lanaudière", "Une question entre nous.");
        var (_, other) = await MemberAsync("monteregie");

        var response = await other.GetAsync($"/lanaudiere/forum/sujets/{thread}");
        var page = await response.DocumentAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Ce sujet est réservé aux membres de la section Lanaudière", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Entraide réservée à Lanaudière", page.DocumentElement.OuterHtml);
        Assert.Equal("/lanaudiere/forum", page.QuerySelector("main a.button")!.GetAttribute("href"));
        var category = await other.GetAsync("/lanaudiere/forum/lanaudiere-entraide");
        Assert.Contains("est réservée aux membres de la section Lanaudière", (await category.DocumentAsync()).QuerySelector("main")!.TextContent);
        // A thread that does not exist still reads as one.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/lanaudiere/forum/sujets/999999")).StatusCode);
    }

    [Fact]
    public async Task APostShowsTheUserNameToMentionItsAuthorBy_NeverUnderAPseudonym()
    {
        var (author, client) = await TrustedAsync("national");
        var thread = await client.StartThreadAsync(Practices, "Qui mentionner?", "Mentionnez-moi.");
        var userName = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == author.UserId).Select(u => u.UserName!).SingleAsync());
        var (_, member) = await MemberAsync();
        var dilemma = await client.StartThreadAsync(Ethics, "Un dilemme sans nom", "Sous pseudonyme.", pseudonym: "Héron");
        var first = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == dilemma).Select(p => p.Id).SingleAsync());
        await client.ModerateAsync("Approuver", new Dictionary<string, string> { ["message"] = first.ToString() });

        var page = await member.GetDocumentAsync($"/forum/sujets/{thread}");
        var hidden = await member.GetDocumentAsync($"/forum/sujets/{dilemma}");

        Assert.Equal("@" + userName, page.QuerySelector(".post .handle")!.TextContent);
        Assert.Null(hidden.QuerySelector(".post .handle"));
        Assert.DoesNotContain(userName, hidden.DocumentElement.OuterHtml);
        Assert.Contains("@" + userName, (await member.GetDocumentAsync("/membres")).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task ARegionalModerator_MovesAThreadUpToANationalCategory_ButNeverIntoAnotherRegions()
    {
        var (_, moderator) = await TrustedAsync();
        var thread = await moderator.StartThreadAsync(LanaudiereHelp, "Une question pour tout le réseau", "Elle dépasse la région.");
        Task<int> CategoryIdAsync(string slug) =>
            factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().Where(c => c.Slug == slug).Select(c => c.Id).SingleAsync());
        var national = await CategoryIdAsync(Practices);
        var monteregie = await CategoryIdAsync(MonteregieHelp);

        var offered = (await moderator.GetDocumentAsync($"/lanaudiere/forum/sujets/{thread}")).QuerySelectorAll("#deplacer-vers option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(national.ToString(), offered);
        Assert.DoesNotContain(monteregie.ToString(), offered);
        var elsewhere = await moderator.ModerateAsync("Deplacer", new Dictionary<string, string> { ["sujet"] = thread.ToString(), ["categorie"] = monteregie.ToString() });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        var up = await moderator.ModerateAsync("Deplacer", new Dictionary<string, string>
            { ["sujet"] = thread.ToString(), ["categorie"] = national.ToString(), ["motif"] = "Concerne tout le réseau." });

        Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        var moved = await factory.ThreadAsync(thread);
        Assert.Equal(national, moved.CategoryId);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreatePortalClient().GetAsync($"/forum/sujets/{thread}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "deplacer" && e.Reason == "Concerne tout le réseau.")));
    }

    [Fact]
    public async Task QuotingThanksAndPermalinks_Work()
    {
        var (trusted, author) = await TrustedAsync("national");
        var (_, reader) = await MemberAsync();
        var thread = await author.StartThreadAsync(Practices, "Un long sujet", "Le début.");
        var replies = new List<int>();
        for (var i = 1; i <= 45; i++) replies.Add(await author.ReplyAsync("", thread, $"Réponse numéro {i}."));

        // The « Citer » links as the pages render them: on the first page (an address without « ? ») and on another.
        foreach (var query in new[] { "", "?p=2" })
        {
            var href = (await reader.GetDocumentAsync($"/forum/sujets/{thread}{query}")).QuerySelectorAll("a[data-quote]").Last().GetAttribute("href")!;
            var followed = await reader.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
            Assert.StartsWith("> **Membre", (await followed.DocumentAsync()).QuerySelector("#Input_Body")!.TextContent);
        }

        var quoted = await reader.GetDocumentAsync($"/forum/sujets/{thread}?p=3&citer={replies[44]}");
        Assert.StartsWith("> **Membre", quoted.QuerySelector("#Input_Body")!.TextContent);
        Assert.Contains("> Réponse numéro 45.", quoted.QuerySelector("#Input_Body")!.TextContent);

        var permalink = await reader.GetAsync($"/forum/messages/{replies[44]}");
        Assert.Equal($"/forum/sujets/{thread}-un-long-sujet?p=3#message-{replies[44]}", permalink.Headers.Location!.OriginalString);

        var thank = () => reader.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Merci&message={replies[0]}", new Dictionary<string, string>());
        await thank();
        Assert.Equal(1, (await factory.PostAsync(replies[0])).Thanks);
        await thank();
        Assert.Equal(0, (await factory.PostAsync(replies[0])).Thanks);
        Assert.Equal(HttpStatusCode.BadRequest, (await author.PostWithTokenAsync($"/forum/sujets/{thread}?handler=Merci&message={replies[0]}", new Dictionary<string, string>())).StatusCode);
    }

    [Fact]
    public async Task FollowersAndMentionedMembers_AreTold_WithThePostsText()
    {
        var (starter, author) = await TrustedAsync("national");
        var (follower, followerClient) = await MemberAsync("monteregie");
        var mentioned = await factory.CreateMemberAsync("estrie");
        var mentionedName = "membre-" + mentioned.Email.Split('-')[1].Split('@')[0];
        Assert.Equal(HttpStatusCode.Redirect, (await followerClient.SubmitFormAsync($"/forum/{Practices}", new Dictionary<string, string> { ["suivre"] = "true" }, "Suivre")).StatusCode);
        var thread = await author.StartThreadAsync(Practices, "Mobilisation des aînés", "Comment rejoindre les aînés isolés?");
        var (replier, replierClient) = await TrustedAsync("national");

        await replierClient.ReplyAsync("", thread, $"Par les pharmacies, @{mentionedName} en sait quelque chose : lapin bleu.");
        await factory.EventsHandledAsync();

        var notices = await factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == starter.UserId || n.UserId == follower.UserId || n.UserId == mentioned.UserId)
            .ToListAsync());
        Assert.Contains(notices, n => n.UserId == starter.UserId && n.Kind == ForumModule.FollowKind.Key && n.Body!.Contains("lapin bleu"));
        Assert.Contains(notices, n => n.UserId == follower.UserId && n.Kind == ForumModule.FollowKind.Key && n.Title.Contains("Nouveau sujet"));
        Assert.Contains(notices, n => n.UserId == follower.UserId && n.Kind == ForumModule.FollowKind.Key && n.Body!.Contains("lapin bleu"));
        var mention = Assert.Single(notices, n => n.UserId == mentioned.UserId);
        Assert.Equal(ForumModule.MentionKind.Key, mention.Kind);
        Assert.DoesNotContain(notices, n => n.UserId == replier.UserId);
        // Followed threads are told by e-mail at once by default, the post's text included.
        Assert.True(await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Infrastructure.Mail.OutboxMail>()
            .AnyAsync(m => m.To == starter.Email && m.TextBody.Contains("lapin bleu"))));
    }

    [Fact]
    public async Task AFollower_IsEMailedOnceForAThread_UntilTheyHaveReadIt()
    {
        var (_, author) = await TrustedAsync("national");
        var (follower, followerClient) = await MemberAsync("monteregie");
        var thread = await author.StartThreadAsync(Practices, "Une démarche à suivre de près", "Première étape.");
        await factory.EventsHandledAsync(); // the new thread told its category's followers before this one follows it
        await followerClient.SubmitFormAsync($"/forum/sujets/{thread}", new Dictionary<string, string> { ["suivre"] = "true" }, "Suivre");
        Task<int> MailsAsync() => factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Infrastructure.Mail.OutboxMail>()
            .CountAsync(m => m.To == follower.Email && m.Subject.Contains("Une démarche à suivre de près")));
        Task<int> NoticesAsync() => factory.WithDbAsync(db => db.Set<Notification>()
            .CountAsync(n => n.UserId == follower.UserId && n.Kind == ForumModule.FollowKind.Key && n.Title.Contains("Une démarche à suivre de près")));

        for (var i = 1; i <= 3; i++) await author.ReplyAsync("", thread, $"Étape {i + 1}.");
        await factory.EventsHandledAsync();
        Assert.Equal(3, await NoticesAsync());
        Assert.Equal(1, await MailsAsync());

        // Read, the thread e-mails again at its next reply.
        Assert.Equal(HttpStatusCode.OK, (await followerClient.GetAsync($"/forum/sujets/{thread}")).StatusCode);
        await author.ReplyAsync("", thread, "Étape 5.");
        await factory.EventsHandledAsync();
        Assert.Equal(4, await NoticesAsync());
        Assert.Equal(2, await MailsAsync());
    }

    [Fact]
    public async Task MentionsOfOneMemberByAnother_TellHerAtMostThreeTimesAnHour()
    {
        var (_, author) = await TrustedAsync("national");
        var target = await factory.CreateMemberAsync("estrie");
        var (other, otherClient) = await TrustedAsync("national");
        var name = "membre-" + target.Email.Split('-')[1].Split('@')[0];
        var thread = await author.StartThreadAsync(Practices, "Qui connaît ce programme?", "Une question d'admissibilité.");

        for (var i = 0; i < 8; i++) await author.ReplyAsync("", thread, $"@{name} tu es là? ({i})");
        await otherClient.ReplyAsync("", thread, $"@{name} une autre personne te cherche aussi.");
        await factory.EventsHandledAsync();

        var mentions = await factory.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.UserId == target.UserId && n.Kind == ForumModule.MentionKind.Key));
        Assert.Equal(Mentions.MaxPerHourFromOneMember + 1, mentions);
        Assert.True(await factory.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.UserId == target.UserId && n.Body!.Contains("une autre personne"))));
    }

    [Fact]
    public async Task AnAdministratorFollowingARegionsOwnThread_IsTold_AndAnOutsiderIsNot()
    {
        // Administrators read every section's own categories: following one of its threads tells them of replies.
        var admin = await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]);
        var adminClient = await factory.SignedInAsync(admin);
        var (_, moderator) = await TrustedAsync();
        var thread = await moderator.StartThreadAsync(LanaudiereHelp, "Entraide entre voisins", "Qui connaît la table de quartier?");
        Assert.Equal(HttpStatusCode.Redirect, (await adminClient.SubmitFormAsync($"/lanaudiere/forum/sujets/{thread}", new Dictionary<string, string> { ["suivre"] = "true" }, "Suivre")).StatusCode);
        // A member of another region followed it before losing sight of it (a forged follow counts for nothing).
        var outsider = await factory.CreateMemberAsync("monteregie");
        await factory.WithDbAsync(db => { db.Add(new ForumThreadFollow { ThreadId = thread, UserId = outsider.UserId }); return db.SaveChangesAsync(); });

        await moderator.ReplyAsync("/lanaudiere", thread, "La table se réunit le mardi : castor roux.");
        await factory.EventsHandledAsync();

        var notices = await factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == admin.UserId || n.UserId == outsider.UserId).ToListAsync());
        Assert.Contains(notices, n => n.UserId == admin.UserId && n.Kind == ForumModule.FollowKind.Key && n.Body!.Contains("castor roux"));
        Assert.DoesNotContain(notices, n => n.UserId == outsider.UserId);
    }

    [Fact]
    public async Task Search_FindsWhatTheReaderMayRead_AndNothingElse()
    {
        var (_, moderator) = await TrustedAsync("national");
        var (_, newcomer) = await MemberAsync();
        var open = await moderator.StartThreadAsync(Practices, "Outils de concertation", "Le mot rare est zeppelin.");
        var members = await moderator.StartThreadAsync(Ethics, "Un dilemme de financement", "Le mot rare est dirigeable.");
        var pending = await newcomer.StartThreadAsync(Practices, "Une question de relève", "Le mot rare est montgolfière.");
        var search = factory.Services.GetRequiredService<RqiiacPortail.Web.Modules.Search.Contracts.ISearch>();
        for (var i = 0; i < 50 && (await search.SearchAsync(new("dirigeable zeppelin", new Dictionary<string, string>()), new(RqiiacPortail.Web.Modules.Members.Contracts.ReaderAudiences.Visitor, SeesAll: true))).Total < 2; i++)
            await Task.Delay(100);
        var visitor = factory.CreatePortalClient();
        var (_, member) = await MemberAsync();

        string Results(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("#resultats")!.TextContent.Trim();
        Assert.Equal("1 résultat", Results(await visitor.GetDocumentAsync("/recherche?q=zeppelin")));
        Assert.Equal("Aucun résultat", Results(await visitor.GetDocumentAsync("/recherche?q=dirigeable")));
        Assert.Equal("1 résultat", Results(await member.GetDocumentAsync("/recherche?q=dirigeable")));
        Assert.Equal("Aucun résultat", Results(await moderator.GetDocumentAsync("/recherche?q=montgolfière")));
        Assert.Equal(ThreadStatus.Pending, (await factory.ThreadAsync(pending)).Status);

        var post = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == open).Select(p => p.Id).SingleAsync());
        await moderator.ModerateAsync("Masquer", new Dictionary<string, string> { ["message"] = post.ToString(), ["motif"] = "Hors sujet." });
        for (var i = 0; i < 50 && (await search.SearchAsync(new("zeppelin", new Dictionary<string, string>()), new(RqiiacPortail.Web.Modules.Members.Contracts.ReaderAudiences.Visitor, SeesAll: true))).Total > 0; i++)
            await Task.Delay(100);
        Assert.Equal("Aucun résultat", Results(await visitor.GetDocumentAsync("/recherche?q=zeppelin")));
    }

    [Fact]
    public async Task ClosingAnAccount_KeepsThePosts_AsFormerMember()
    {
        var (author, client) = await TrustedAsync("national");
        var thread = await client.StartThreadAsync(Practices, "Un sujet qui reste", "Une contribution utile : castor.");

        var closed = await client.SubmitFormAsync("/compte/supprimer",
            new Dictionary<string, string> { ["Input.Password"] = author.Password, ["Input.Understood"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var page = await factory.CreatePortalClient().GetDocumentAsync($"/forum/sujets/{thread}");
        Assert.Equal(ForumAuthors.FormerMember, page.QuerySelector(".post__author")!.TextContent.Trim());
        Assert.Contains("castor", page.QuerySelector(".post__body")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Set<ForumPost>().AnyAsync(p => p.AuthorId == author.UserId)));
        Assert.False(await factory.WithDbAsync(db => db.Set<ForumThreadFollow>().AnyAsync(f => f.UserId == author.UserId)));
    }

    [Fact]
    public async Task ModerationActions_AreWrittenToTheJournal_ThatAdministratorsAndTheSectionsModeratorsRead()
    {
        var (_, moderator) = await TrustedAsync();
        var (_, member) = await MemberAsync();
        var thread = await member.StartThreadAsync(LanaudiereHelp, "Sujet à refuser", "Publicité pour mon entreprise.");
        var post = await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).Select(p => p.Id).SingleAsync());

        await moderator.ModerateAsync("Refuser", new Dictionary<string, string> { ["message"] = post.ToString(), ["motif"] = "Sollicitation commerciale." });

        var admin = await factory.SignedInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]));
        var journal = await (await admin.GetAsync("/admin/journal")).TextAsync();
        Assert.Contains($"Message n° {post} refusé dans « Sujet à refuser »", journal);
        Assert.Contains("Sollicitation commerciale.", journal);
        // Lanaudière's moderator reads Lanaudière's entries; Montérégie's does not see them; a member is refused.
        Assert.Contains($"Message n° {post} refusé", await (await moderator.GetAsync("/admin/journal")).TextAsync());
        var (_, elsewhere) = await TrustedAsync("monteregie");
        Assert.DoesNotContain($"Message n° {post} refusé", await (await elsewhere.GetAsync("/admin/journal")).TextAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/admin/journal")).StatusCode);
        Assert.Equal(ThreadStatus.Rejected, (await factory.ThreadAsync(thread)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await (await MemberAsync()).Client.GetAsync($"/lanaudiere/forum/sujets/{thread}")).StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "refuser" && e.Reason == "Sollicitation commerciale.")));
    }

    [Fact]
    public async Task FiftyMembersReplyingAtOnce_LoseNoPost_AndKeepTheCount()
    {
        var (_, moderator) = await TrustedAsync("national");
        var thread = await moderator.StartThreadAsync(Practices, "Tour de table", "Présentez-vous en une phrase.");
        var clients = new List<HttpClient>();
        var ids = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var (account, client) = await MemberAsync();
            clients.Add(client);
            ids.Add(account.UserId);
        }
        // Each reply tells every earlier replier (they follow what they reply to): some 1,250 notices. On the site
        // only here, so that a portal other tests share is not left with that many e-mails to send.
        await factory.WithDbAsync(db =>
        {
            db.AddRange(ids.Select(id => new NotificationPreference { UserId = id, Kind = ForumModule.FollowKind.Key, Delivery = RqiiacPortail.Web.Modules.Notifications.Contracts.Delivery.Site }));
            return db.SaveChangesAsync();
        });
        // Their pages (and tokens) first, then every submission at once.
        var tokens = new List<string>();
        foreach (var c in clients)
            tokens.Add((await c.GetDocumentAsync($"/forum/sujets/{thread}")).QuerySelector("form[action*='handler=Repondre'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!);
        await factory.SetFirstPostsToModerateAsync("national", 0);
        try
        {
            var responses = await Task.WhenAll(clients.Select((c, i) => c.PostAsync($"/forum/sujets/{thread}?handler=Repondre",
                new FormUrlEncodedContent([new("Input.Body", $"Bonjour, je suis la personne {i}."), new("__RequestVerificationToken", tokens[i])]))));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            Assert.Equal(51, await factory.WithDbAsync(db => db.Set<ForumPost>().CountAsync(p => p.ThreadId == thread)));
            var saved = await factory.ThreadAsync(thread);
            Assert.Equal(50, saved.ReplyCount);
            Assert.Equal(await factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == thread).MaxAsync(p => p.Id)), saved.LastPostId);
        }
        finally { await factory.SetFirstPostsToModerateAsync("national", 2); }
    }
}

public sealed class SqliteForumTests(SqlitePortalFactory factory) : ForumTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresForumTests(PostgresPortalFactory factory) : ForumTests<PostgresPortalFactory>(factory);
