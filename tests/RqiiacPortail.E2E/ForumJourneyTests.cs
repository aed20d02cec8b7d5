using Microsoft.Playwright;
using RqiiacPortail.E2E.Infrastructure;
using RqiiacPortail.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.E2E;

/// <summary>The forum in Chromium: live replies between two browsers, the live moderation queue, axe on every forum page.</summary>
public sealed class ForumJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AReplyInOneBrowser_AppearsInTheOther_WithoutAReload()
    {
        var author = await browser.Portal.CreateMemberAsync("lanaudiere", ("national", Roles.Moderator));
        var reader = await browser.Portal.CreateMemberAsync("monteregie");
        var authorPage = await browser.NewPageAsync();
        await new SignInPage(authorPage).SignInAsync(author.Email, author.Password);
        var thread = await new ForumPages(authorPage).StartThreadAsync("pratiques-et-outils", "Un sujet en direct", "Qui est là?");

        var readerPage = await browser.NewPageAsync();
        await new SignInPage(readerPage).SignInAsync(reader.Email, reader.Password);
        await readerPage.GotoAsync(thread);
        await Assertions.Expect(readerPage.Locator("html[data-forum-live=true]")).ToHaveCountAsync(1);
        await readerPage.EvaluateAsync("window.__sameDocument = true");

        await new ForumPages(authorPage).ReplyAsync("Une réponse **qui arrive en direct**.");

        var arrived = readerPage.Locator(".posts .post").Last;
        await Assertions.Expect(arrived).ToContainTextAsync("Une réponse qui arrive en direct.");
        await Assertions.Expect(arrived.Locator("strong")).ToHaveTextAsync("qui arrive en direct");
        await Assertions.Expect(readerPage.Locator("[data-reply-count]")).ToHaveTextAsync("1 réponse");
        Assert.True(await readerPage.EvaluateAsync<bool>("window.__sameDocument === true"), "the page was reloaded");
        await readerPage.AssertNoSeriousViolationsAsync();

        // The reply that arrived has its actions at once: thanking it works without a reload first.
        await Assertions.Expect(readerPage.Locator("html[data-forum-rendered]")).ToHaveCountAsync(1);
        await Assertions.Expect(arrived.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Citer") })).ToHaveCountAsync(1);
        await Assertions.Expect(arrived.Locator("details.post__flag summary")).ToContainTextAsync("Signaler");
        await readerPage.ClickAndWaitForNextPageAsync(arrived.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Merci") }));
        await Assertions.Expect(readerPage.Locator(".flash")).ToContainTextAsync("Merci envoyé.");
    }

    [Fact]
    public async Task AModeratorApprovesAFirstPost_FromTheLiveQueue_AndTheAuthorIsNotified()
    {
        var moderator = await browser.Portal.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator));
        var newcomer = await browser.Portal.CreateMemberAsync("lanaudiere");
        var moderatorPage = await browser.NewPageAsync();
        await new SignInPage(moderatorPage).SignInAsync(moderator.Email, moderator.Password);
        await moderatorPage.GotoAsync("/admin/moderation");
        await Assertions.Expect(moderatorPage.Locator("html[data-queue-live=true]")).ToHaveCountAsync(1);
        await moderatorPage.EvaluateAsync("window.__sameDocument = true");

        var authorPage = await browser.NewPageAsync();
        await new SignInPage(authorPage).SignInAsync(newcomer.Email, newcomer.Password, "/lanaudiere");
        await new ForumPages(authorPage).StartThreadAsync("lanaudiere-entraide", "Ma première question", "Bonjour, je suis nouvelle dans la région.", "/lanaudiere");
        await Assertions.Expect(authorPage.Locator(".flash")).ToContainTextAsync("paraîtra dès qu'une personne de la modération l'aura approuvé");
        await authorPage.GotoAsync("/notifications");
        await Assertions.Expect(authorPage.Locator("html[data-notifications-live=true]")).ToHaveCountAsync(1);

        var item = moderatorPage.Locator(".queue article", new() { HasText = "Ma première question" });
        await Assertions.Expect(item).ToHaveCountAsync(1);
        Assert.True(await moderatorPage.EvaluateAsync<bool>("window.__sameDocument === true"), "the queue was reloaded by hand");
        await moderatorPage.AssertNoSeriousViolationsAsync();
        await item.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Approuver") }).ClickAsync();
        await Assertions.Expect(moderatorPage.Locator(".flash")).ToContainTextAsync("Message approuvé.");

        await Assertions.Expect(authorPage.Locator("[data-unread-count]")).ToHaveTextAsync("1");
        await Assertions.Expect(authorPage.Locator("[data-notification-list] li").First).ToContainTextAsync("Votre message dans « Ma première question » est publié");
    }

    [Fact]
    public async Task AReplyBeingWritten_SurvivesAReload_AndAnAtMentionOffersTheMembersToChoose()
    {
        var writer = await browser.Portal.CreateMemberAsync("lanaudiere");
        var colleague = await browser.Portal.CreateMemberAsync("estrie");
        var userName = "membre-" + colleague.Email.Split('-')[1].Split('@')[0];
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(writer.Email, writer.Password);
        await page.GotoAsync("/forum/sujets/2");
        var reply = page.GetByLabel("Votre message");

        // All but the last letter: the suite's other members are « membre-… » too, and the first suggestion must be hers.
        await reply.PressSequentiallyAsync($"Bonjour @{userName[..^1]}");
        var option = page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(userName)) });
        await Assertions.Expect(option).ToBeVisibleAsync();
        // The list for the whole word typed, not one for the first letters still on its way.
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await reply.PressAsync("ArrowDown");
        await reply.PressAsync("Enter");
        await Assertions.Expect(reply).ToHaveValueAsync($"Bonjour @{userName} ");
        await page.AssertNoSeriousViolationsAsync();

        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Votre message")).ToHaveValueAsync($"Bonjour @{userName} ");
    }

    [Fact]
    public async Task EveryForumPage_HasNoSeriousAccessibilityViolation()
    {
        var admin = await browser.Portal.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]);
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync(admin.Email, admin.Password);
        var forum = new ForumPages(page);
        var thread = await forum.StartThreadAsync("pratiques-et-outils", "Sujet pour axe", "Un message **mis en forme** avec une citation :\n\n> citée");
        await forum.ReplyAsync("Une réponse.");
        var postId = await page.Locator(".posts .post").Last.GetAttributeAsync("data-post-id");
        await page.GotoAsync($"/forum/messages/{postId}/modifier");
        await page.GetByLabel("Votre message").FillAsync("Une réponse modifiée.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        foreach (var path in new[] { "/forum", "/forum/pratiques-et-outils", thread, "/forum/pratiques-et-outils/nouveau", "/forum/ethique-et-dilemmes/nouveau",
                     "/lanaudiere/forum", $"/forum/messages/{postId}/modifier", $"/forum/messages/{postId}/historique", "/admin/moderation", "/admin/journal" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            await page.AssertNoSeriousViolationsAsync();
        }

        // The categories' administration: the chooser, a region's list, a refused addition with its messages, a category.
        foreach (var step in new Func<Task>[]
                 {
                     () => page.GotoAsync("/admin/discussions"),
                     () => page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Link, new() { Name = "Lanaudière", Exact = true })),
                     () => page.ClickAndWaitForNextPageAsync(page.GetByRole(AriaRole.Button, new() { Name = "Ajouter la catégorie" })),
                     () => page.ClickAndWaitForNextPageAsync(page.Locator("main table a").First),
                 })
        {
            await step();
            await page.AssertNoSeriousViolationsAsync();
        }
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/discussions/categories/\\d+$"));

        // And as a visitor, with the script's live connection open.
        var visitor = await browser.NewPageAsync();
        foreach (var path in new[] { "/forum", "/forum/pratiques-et-outils", thread })
        {
            await visitor.GotoAsync(path);
            await visitor.AssertNoSeriousViolationsAsync();
        }
    }

    [Fact]
    public async Task TheAuthorOfAPseudonymousDilemma_RepliesUnderHerPseudonym_OnAPhoneToo()
    {
        var author = await browser.Portal.CreateMemberAsync("lanaudiere");
        var reader = await browser.Portal.CreateMemberAsync("monteregie");
        // Her dilemma, approved already with two replies (the queue's part is tested elsewhere).
        var thread = await browser.Portal.WithDbAsync(async db =>
        {
            var category = await db.Set<ForumCategory>().IgnoreQueryFilters().SingleAsync(c => c.Slug == "ethique-et-dilemmes");
            var now = DateTimeOffset.UtcNow;
            var t = new ForumThread { SectionId = category.SectionId, CategoryId = category.Id, Title = "Une loyauté partagée", AuthorId = author.UserId,
                Pseudonym = "Mésange", Status = ThreadStatus.Published, IsDilemma = true, CreatedAt = now, LastPostAt = now };
            db.Add(t);
            await db.SaveChangesAsync();
            db.Add(new ForumPost { ThreadId = t.Id, AuthorId = author.UserId, Pseudonym = "Mésange", Body = "Une situation délicate.", IsFirst = true, Status = PostStatus.Published, CreatedAt = now });
            // Two earlier replies approved: she is past the first-posts rule, her next reply goes out at once.
            for (var i = 0; i < 2; i++)
                db.Add(new ForumPost { ThreadId = t.Id, AuthorId = author.UserId, Pseudonym = "Mésange", Body = $"Une précision {i}.", Status = PostStatus.Published, CreatedAt = now });
            db.Add(new ForumPseudonym { ThreadId = t.Id, Key = "mesange", UserId = author.UserId });
            await db.SaveChangesAsync();
            return t.Id;
        });

        var readerPage = await browser.NewPageAsync();
        await new SignInPage(readerPage).SignInAsync(reader.Email, reader.Password);
        await readerPage.GotoAsync($"/forum/sujets/{thread}");
        await Assertions.Expect(readerPage.Locator("html[data-forum-live=true]")).ToHaveCountAsync(1);

        var phone = await browser.NewPageAsync(390);
        await new SignInPage(phone).SignInAsync(author.Email, author.Password);
        await phone.GotoAsync($"/forum/sujets/{thread}");
        var pseudonym = phone.Locator("#Input_Pseudonym");
        await Assertions.Expect(pseudonym).ToHaveValueAsync("Mésange");
        await Assertions.Expect(pseudonym).ToHaveAttributeAsync("readonly", "");
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the reply form is wider than a phone");
        await phone.AssertNoSeriousViolationsAsync();

        await new ForumPages(phone).ReplyAsync("Merci, je reviens avec la suite.");

        var arrived = readerPage.Locator(".posts .post").Last;
        await Assertions.Expect(arrived).ToContainTextAsync("Merci, je reviens avec la suite.");
        await Assertions.Expect(arrived.Locator(".post__author")).ToHaveTextAsync("Mésange");
        await Assertions.Expect(arrived.Locator(".post__header .badge")).ToHaveTextAsync("pseudonyme");
        Assert.DoesNotContain($"Membre {author.Email.Split('-')[1].Split('@')[0]}", await readerPage.Locator("main").InnerTextAsync());
    }
}
