using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using static RqiiacPortail.Tests.Forum.ForumSteps;

namespace RqiiacPortail.Tests.Forum;

/// <summary>
/// A section's coordination and the administrators keep its categories at <c>/admin/discussions</c>: add, rename,
/// change who reads, reorder, remove an empty one, and set how many first posts wait for approval.
/// </summary>
public abstract class ForumCategoryAdminTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<HttpClient> CoordinatorAsync(string section = "lanaudiere") =>
        await factory.SignedInAsync(await factory.CreateMemberAsync(section, (section, Roles.Coordinator)));

    private async Task<HttpClient> AdministratorAsync() =>
        await factory.SignedInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]));

    private Task<ForumCategory?> CategoryAsync(string slug) =>
        factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug));

    private static Task<HttpResponseMessage> AddAsync(HttpClient client, int section, string name, string? slug = null, string access = "Members",
        IDictionary<string, string>? more = null)
    {
        var values = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Slug"] = slug ?? "", ["Input.Access"] = access, ["Input.Description"] = "" };
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) values[k] = v;
        return client.SubmitFormAsync($"/admin/discussions/{section}", values, "Ajouter");
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response, string field) =>
        (await response.DocumentAsync()).GetElementById($"{field}-erreur")?.TextContent.Trim();

    [Fact]
    public async Task ACoordinator_AddsACategoryToTheirRegion_UnderTheRegionsPrefix_WithoutTheNetworksRules()
    {
        var coordinator = await CoordinatorAsync();
        var lanaudiere = (await factory.SectionAsync("lanaudiere")).Id;
        var unique = Guid.NewGuid().ToString("N")[..6];

        // The menu leads there, and straight to the one section they coordinate.
        Assert.Contains("/admin/discussions", (await coordinator.GetDocumentAsync("/admin")).QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        var chooser = await coordinator.GetAsync("/admin/discussions");
        Assert.Equal(HttpStatusCode.Redirect, chooser.StatusCode);
        Assert.EndsWith($"/admin/discussions/{lanaudiere}", chooser.Headers.Location!.OriginalString);

        // A forged post of the network's rules is not theirs to make: the category is neither pseudonymous nor the board's.
        var added = await AddAsync(coordinator, lanaudiere, $"Concertation <b>locale</b> {unique}", access: "SectionMembers",
            more: new Dictionary<string, string> { ["Input.AllowsPseudonyms"] = "true", ["Input.BoardOnly"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var category = await CategoryAsync($"lanaudiere-concertation-b-locale-b-{unique}");
        Assert.NotNull(category);
        Assert.Equal(CategoryAccess.SectionMembers, category.Access);
        Assert.False(category.AllowsPseudonyms);
        Assert.False(category.BoardOnly);

        // Its members find it in their region's forum, the name shown as text; the network's forum does not list it to others.
        var member = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var forum = await member.GetAsync("/lanaudiere/forum");
        Assert.Contains($"Concertation <b>locale</b> {unique}", await forum.TextAsync());
        Assert.DoesNotContain("<b>locale</b>", await forum.BodyAsync());
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/lanaudiere/forum/{category.Slug}")).StatusCode);
        var other = await factory.SignedInAsync(await factory.CreateMemberAsync("monteregie"));
        // Another region's member is told whose category it is (it is listed on the region's forum), not sent a 404.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/lanaudiere/forum/{category.Slug}")).StatusCode);

        // Not another region's, nor the network's.
        var monteregie = (await factory.SectionAsync("monteregie")).Id;
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/admin/discussions/{monteregie}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/admin/discussions/categories/{(await CategoryAsync(Practices))!.Id}")).StatusCode);

        var entry = await factory.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().OrderByDescending(e => e.Id).FirstAsync(e => e.Action == "categorie-creer" && e.SectionId == lanaudiere));
        Assert.Contains(unique, entry.Summary);
    }

    [Fact]
    public async Task BadInput_GetsAFrenchMessageNextToTheField_AndSavesNothing()
    {
        var coordinator = await CoordinatorAsync();
        var lanaudiere = (await factory.SectionAsync("lanaudiere")).Id;
        var before = await factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().CountAsync());

        var empty = await AddAsync(coordinator, lanaudiere, "  ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal("Indiquez le nom de la catégorie.", await ErrorAsync(empty, "Input_Name"));

        var tooLong = await AddAsync(coordinator, lanaudiere, new string('a', 101));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal("Le nom compte au plus 100 caractères.", await ErrorAsync(tooLong, "Input_Name"));

        // The region's own « Entraide » holds the address already; a word of the forum's own addresses is refused.
        var taken = await AddAsync(coordinator, lanaudiere, "Autre entraide", slug: "entraide");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("déjà celle d'une autre catégorie", await ErrorAsync(taken, "Input_Slug"));
        var admin = await AdministratorAsync();
        var national = (await factory.SectionAsync("national")).Id;
        var reserved = await AddAsync(admin, national, "Sujets", slug: "sujets");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reserved.StatusCode);
        Assert.Contains("mot réservé", await ErrorAsync(reserved, "Input_Slug"));

        // Nothing to make an address of: the region's prefix alone is not one.
        var symbols = await AddAsync(coordinator, lanaudiere, "« ! »", slug: "");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, symbols.StatusCode);
        Assert.Equal("L'adresse doit contenir au moins une lettre ou un chiffre.", await ErrorAsync(symbols, "Input_Slug"));
        var prefixOnly = await AddAsync(coordinator, lanaudiere, "Lanaudière", slug: "lanaudiere");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, prefixOnly.StatusCode);

        var access = await AddAsync(coordinator, lanaudiere, "Accès inventé", access: "7");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, access.StatusCode);
        Assert.Equal("Choisissez qui peut lire la catégorie.", await ErrorAsync(access, "Input_Access"));

        var moderation = await coordinator.SubmitFormAsync($"/admin/discussions/{lanaudiere}", new Dictionary<string, string> { ["FirstPostsToModerate"] = "99" }, "Moderation");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, moderation.StatusCode);
        Assert.Equal("Indiquez un nombre de 0 à 20.", await ErrorAsync(moderation, "FirstPostsToModerate"));
        var word = await coordinator.SubmitFormAsync($"/admin/discussions/{lanaudiere}", new Dictionary<string, string> { ["FirstPostsToModerate"] = "beaucoup" }, "Moderation");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, word.StatusCode);

        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().CountAsync()));
    }

    [Fact]
    public async Task ClosingACategoryToMembers_TakesItsThreadsOutOfThePublicPagesAndSearch()
    {
        var admin = await AdministratorAsync();
        var national = (await factory.SectionAsync("national")).Id;
        var unique = Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(admin, national, $"Ouverte {unique}", access: "Public")).StatusCode);
        var category = (await CategoryAsync($"ouverte-{unique}"))!;
        await admin.StartThreadAsync(category.Slug, "Un sujet ouvert", $"Le mot rare est quetzal{unique}.");
        var search = factory.Services.GetRequiredService<ISearch>();
        var visitor = factory.CreatePortalClient();
        async Task<int> FoundByVisitor() => (await search.SearchAsync(new($"quetzal{unique}", new Dictionary<string, string>()), RqiiacPortail.Web.Modules.Search.Contracts.SearchReader.Visitor)).Total;
        for (var i = 0; i < 50 && await FoundByVisitor() == 0; i++) await Task.Delay(100);
        Assert.Equal(1, await FoundByVisitor());
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/forum/{category.Slug}")).StatusCode);

        var edited = await admin.SubmitFormAsync($"/admin/discussions/categories/{category.Id}", new Dictionary<string, string>
        {
            ["Input.Name"] = $"Fermée {unique}", ["Input.Description"] = "Entre membres.", ["Input.Access"] = "Members",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        for (var i = 0; i < 50 && await FoundByVisitor() > 0; i++) await Task.Delay(100);
        Assert.Equal(0, await FoundByVisitor());
        var closed = await visitor.GetAsync($"/forum/{category.Slug}");
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("/compte/connexion", closed.Headers.Location!.OriginalString);
        Assert.DoesNotContain($"Fermée {unique}", await (await visitor.GetAsync("/forum")).TextAsync());
        var saved = (await CategoryAsync(category.Slug))!;
        Assert.Equal(($"Fermée {unique}", "Entre membres.", category.Slug), (saved.Name, saved.Description, saved.Slug));
        Assert.True(await factory.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(e => e.Action == "categorie-modifier" && e.Summary.Contains(unique) && e.Summary.Contains("réservée aux membres"))));
    }

    [Fact]
    public async Task ACategoryWithThreads_IsKept_AnEmptyOneGoes_AndTheOrderMoves()
    {
        var coordinator = await CoordinatorAsync("monteregie");
        var monteregie = (await factory.SectionAsync("monteregie")).Id;
        var unique = Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(coordinator, monteregie, $"Première {unique}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AddAsync(coordinator, monteregie, $"Seconde {unique}")).StatusCode);
        var first = (await CategoryAsync($"monteregie-premiere-{unique}"))!;
        var second = (await CategoryAsync($"monteregie-seconde-{unique}"))!;
        Assert.True(second.Position > first.Position);

        var up = await coordinator.PostWithTokenAsync($"/admin/discussions/{monteregie}?handler=Deplacer&categorie={second.Id}", new Dictionary<string, string> { ["sens"] = "haut" });
        Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        Assert.True((await CategoryAsync(second.Slug))!.Position < (await CategoryAsync(first.Slug))!.Position);

        await coordinator.StartThreadAsync(first.Slug, "Un sujet qui garde sa catégorie", "Bonjour à toutes et à tous.");
        var kept = await coordinator.SubmitFormAsync($"/admin/discussions/categories/{first.Id}", new Dictionary<string, string>(), "Retirer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, kept.StatusCode);
        Assert.Contains("contient 1 sujet", await kept.TextAsync());
        Assert.NotNull(await CategoryAsync(first.Slug));

        var gone = await coordinator.SubmitFormAsync($"/admin/discussions/categories/{second.Id}", new Dictionary<string, string>(), "Retirer");
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        Assert.Null(await CategoryAsync(second.Slug));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/monteregie/forum/{second.Slug}")).StatusCode);
    }

    [Fact]
    public async Task TheSectionsPreModerationSetting_DecidesWhetherANewMembersFirstPostWaits()
    {
        var coordinator = await CoordinatorAsync("estrie");
        var estrie = (await factory.SectionAsync("estrie")).Id;
        var saved = await coordinator.SubmitFormAsync($"/admin/discussions/{estrie}", new Dictionary<string, string> { ["FirstPostsToModerate"] = "0" }, "Moderation");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("0", (await coordinator.GetDocumentAsync($"/admin/discussions/{estrie}")).GetElementById("FirstPostsToModerate")!.GetAttribute("value"));

        var newcomer = await factory.SignedInAsync(await factory.CreateMemberAsync("estrie"));
        var thread = await newcomer.StartThreadAsync("estrie-entraide", "Bonjour de l'Estrie", "Mon premier message paraît sans attendre.");
        Assert.Equal(ThreadStatus.Published, (await factory.ThreadAsync(thread)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitFormAsync($"/admin/discussions/{estrie}", new Dictionary<string, string> { ["FirstPostsToModerate"] = "2" }, "Moderation")).StatusCode);
        var another = await factory.SignedInAsync(await factory.CreateMemberAsync("estrie"));
        var waiting = await another.StartThreadAsync("estrie-entraide", "Bonjour encore", "Le mien attend une approbation.");
        Assert.Equal(ThreadStatus.Pending, (await factory.ThreadAsync(waiting)).Status);
    }
}

public sealed class SqliteForumCategoryAdminTests(SqlitePortalFactory factory) : ForumCategoryAdminTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresForumCategoryAdminTests(PostgresPortalFactory factory) : ForumCategoryAdminTests<PostgresPortalFactory>(factory);
