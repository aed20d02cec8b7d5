using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Tools;

public abstract class ToolTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<(HttpClient Client, TestAccount Account)> MemberAsync(string slug = "lanaudiere")
    {
        var account = await factory.CreateMemberAsync(slug);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        return (client, account);
    }

    private static List<KeyValuePair<string, string>> Fields(string title, int sectionId, string visibility = "Public", string summary = "Un outil pour animer une rencontre de concertation.") =>
    [
        new("Input.Title", title), new("Input.Summary", summary), new("Input.SectionId", sectionId.ToString()),
        new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", visibility), new("Input.Author", "Équipe de test"),
    ];

    private async Task<int> ShareAsync(HttpClient client, string title, string slug = "lanaudiere", string visibility = "Public",
        string summary = "Un outil pour animer une rencontre de concertation.", params (string, byte[])[] files)
    {
        var section = await factory.SectionAsync(slug);
        var response = await client.SubmitMultipartAsync($"/{slug}/outils/nouveau", Fields(title, section.Id, visibility, summary),
            files.Select(f => ("Input.Files", f.Item1, f.Item2)));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.TextAsync()}");
        var location = response.Headers.Location!.OriginalString;
        // Its files are analysed after the request: it is published (or held) once that is done.
        await factory.EventsHandledAsync();
        return int.Parse(location.Split("/outils/")[1].Split('/')[0]);
    }

    [Fact]
    public async Task AFile_UploadedAndDownloaded_KeepsItsSha256_AndIsServedAsAnAttachment()
    {
        var (client, _) = await MemberAsync();
        var pdf = SampleFiles.Pdf("Grille d'analyse du milieu", "Version de travail");
        var id = await ShareAsync(client, "Grille d'analyse du milieu", files: ("grille.pdf", pdf));

        // The id alone and the id with a readable slug lead to the same page.
        await client.GetDocumentAsync($"/lanaudiere/outils/{id}-grille-d-analyse-du-milieu");
        var page = await client.GetDocumentAsync($"/lanaudiere/outils/{id}");
        var link = page.QuerySelector("main table a[download]")!.GetAttribute("href")!;
        var download = await client.GetAsync(link);
        var bytes = await download.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var stored = await factory.WithDbAsync(db => db.Set<ToolFile>().SingleAsync(f => f.ToolId == id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), stored.Sha256);
        Assert.Equal(1, stored.Downloads);
    }

    [Fact]
    public async Task SharingFromTheNationalSite_StartsInTheMembersRegion_AndARegionsToolSaysWhoseItIs()
    {
        var (client, _) = await MemberAsync("laval");
        var laval = await factory.SectionAsync("laval");

        var form = await client.GetDocumentAsync("/outils/nouveau");
        Assert.Equal(laval.Id.ToString(), form.QuerySelector("#Input_SectionId option[selected]")!.GetAttribute("value"));
        Assert.Equal(laval.Id.ToString(), (await client.GetDocumentAsync("/laval/outils/nouveau")).QuerySelector("#Input_SectionId option[selected]")!.GetAttribute("value"));

        var id = await ShareAsync(client, "Fiche lavalloise de quartier", slug: "laval", visibility: "Public", files: ("fiche.pdf", SampleFiles.Pdf("Fiche")));
        var page = await factory.CreatePortalClient().GetDocumentAsync($"/laval/outils/{id}");
        Assert.Contains("partagé dans la section Laval", page.QuerySelector(".context-note")!.TextContent);
        Assert.Equal("/outils", page.QuerySelector(".breadcrumbs a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ABoardOnlyAccount_IsAMemberOfTheNetwork_ForToolsAndSearch_AsInTheForumAndTheEvents()
    {
        var (author, _) = await MemberAsync();
        var id = await ShareAsync(author, "Bilan xylographique des membres", visibility: "Members", files: ("bilan.pdf", SampleFiles.Pdf("Bilan")));
        // The board's seat and nothing else: no role in any section.
        var board = await factory.CreateMemberAsync("estrie", [], [Roles.Board]);
        await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Modules.Members.SectionRole>().Where(r => r.UserId == board.UserId).ExecuteDeleteAsync());
        var client = factory.CreatePortalClient();
        await client.SignInAsync(board);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
        string results = "";
        for (var i = 0; i < 50 && !results.Contains("Bilan xylographique des membres"); i++)
        {
            if (i > 0) await Task.Delay(100);
            results = await (await client.GetAsync("/recherche?q=xylographique")).Content.ReadAsStringAsync();
        }
        Assert.Contains("Bilan xylographique des membres", results);
        Assert.NotEqual(HttpStatusCode.OK, (await factory.CreatePortalClient().GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
    }

    [Fact]
    public async Task ARenamedExecutable_IsRefusedWithAFrenchMessage_AndNothingIsStored()
    {
        var (client, _) = await MemberAsync();
        var section = await factory.SectionAsync("lanaudiere");
        var before = await CountsAsync();

        var response = await client.SubmitMultipartAsync("/lanaudiere/outils/nouveau", Fields("Outil piégé", section.Id),
            [("Input.Files", "grille.pdf", SampleFiles.Executable()), ("Input.Files", "guide.docx", SampleFiles.Docx("Guide"))]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("« grille.pdf » n'est pas un type de fichier accepté", Html.FieldError(Html.Parse(await response.BodyAsync()), "Input.Files"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task TextInsidePdfAndDocx_IsSearchable()
    {
        var (client, _) = await MemberAsync();
        var id = await ShareAsync(client, "Trousse de départ",
            files: [("portrait.pdf", SampleFiles.Pdf("Portrait du quartier Saint-Zacharie")), ("guide.docx", SampleFiles.Docx("Mobilisation des aînés isolés en milieu rural"))]);

        var search = factory.Services.GetRequiredService<ISearch>();
        SearchResults pdf = SearchResults.Empty, docx = SearchResults.Empty;
        for (var i = 0; i < 50 && (pdf.Total == 0 || docx.Total == 0); i++)
        {
            await Task.Delay(100);
            // Tools only: other tests' threads on a shared portal may speak of the same.
            pdf = await search.SearchAsync(new SearchQuery("Saint-Zacharie", new Dictionary<string, string> { ["type"] = "outil" }), SearchReader.Visitor);
            docx = await search.SearchAsync(new SearchQuery("aînés isolés", new Dictionary<string, string> { ["type"] = "outil" }), SearchReader.Visitor);
        }

        Assert.Equal(id.ToString(), Assert.Single(pdf.Hits).Id);
        Assert.Equal(id.ToString(), Assert.Single(docx.Hits).Id);
        Assert.Contains("<mark>", docx.Hits[0].SnippetHtml);
    }

    [Fact]
    public async Task ASnippet_ShowsTheSummaryAsText_WithoutMarkdownMarks_NorTheFileNamesAndTermsAfterIt()
    {
        var (client, _) = await MemberAsync();
        var id = await ShareAsync(client, "Fiche de repérage", summary: "Un **canevas** pour _repérer_ les ressources du quartier Xérès.",
            files: ("reperage-xeres.pdf", SampleFiles.Pdf("Tableau vierge")));

        var search = factory.Services.GetRequiredService<ISearch>();
        var found = SearchResults.Empty;
        for (var i = 0; i < 50 && found.Total == 0; i++)
        {
            await Task.Delay(100);
            found = await search.SearchAsync(new SearchQuery("Xérès", new Dictionary<string, string>()), SearchReader.Visitor);
        }

        Assert.Equal(id.ToString(), Assert.Single(found.Hits).Id);
        Assert.Equal("Un canevas pour repérer les ressources du quartier <mark>Xérès</mark>.", found.Hits[0].SnippetHtml);
        // The list's card shows the same words, without the marks either.
        var list = await client.GetDocumentAsync("/lanaudiere/outils?tri=recents");
        var card = list.QuerySelectorAll(".card").Single(c => c.QuerySelector("h3")!.TextContent.Contains("Fiche de repérage"));
        Assert.Equal("Un canevas pour repérer les ressources du quartier Xérès.", card.QuerySelector(".card__text")!.TextContent);
    }

    [Fact]
    public async Task PersonalInformation_HoldsTheToolBack_UntilTheAuthorConfirms()
    {
        var (client, _) = await MemberAsync();
        var (other, _) = await MemberAsync();
        var section = await factory.SectionAsync("lanaudiere");
        var response = await client.SubmitMultipartAsync("/lanaudiere/outils/nouveau", Fields("Liste des participantes", section.Id, summary: "Écrire à lucie.b@exemple.org pour la suite."),
            [("Input.Files", "liste.pdf", SampleFiles.Pdf("Participante : Lucie B.", "Tel. 450 555-0199", "NAS 046 454 286"))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var verification = response.Headers.Location!.OriginalString;
        Assert.EndsWith("/verification", verification);
        var id = int.Parse(verification.Split("/outils/")[1].Split('/')[0]);
        await factory.EventsHandledAsync();

        var page = await client.GetDocumentAsync(verification);
        var table = page.QuerySelector("main table")!.TextContent;
        Assert.Contains("Adresse courriel", table);
        Assert.Contains("le résumé", table);
        Assert.Contains("Numéro de téléphone", table);
        Assert.Contains("Numéro d'assurance sociale", table);
        Assert.Contains("le fichier « liste.pdf »", table);
        Assert.DoesNotContain("046 454 286", table);

        // Not out yet: others cannot see it.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);

        var unconfirmed = await client.SubmitFormAsync(verification, new Dictionary<string, string>(), handler: "Publier");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        var confirmed = await client.SubmitFormAsync(verification, new Dictionary<string, string> { ["Confirmed"] = "true" }, handler: "Publier");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
    }

    [Fact]
    public async Task ANewVersion_KeepsTheOldOneListedAndDownloadable()
    {
        var (client, _) = await MemberAsync();
        var first = SampleFiles.Docx("Version 1 du guide");
        var second = SampleFiles.Docx("Version 2 du guide, revue après la journée régionale");
        var id = await ShareAsync(client, "Guide d'animation", files: ("guide.docx", first));
        var slot = await factory.WithDbAsync(db => db.Set<ToolFile>().Where(f => f.ToolId == id).Select(f => f.Slot).SingleAsync());

        var uploaded = await client.SubmitMultipartAsync($"/lanaudiere/outils/{id}", [new("remplace", slot.ToString())], [("fichier", "guide-v2.docx", second)], handler: "NouvelleVersion");
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        var page = await client.GetDocumentAsync($"/lanaudiere/outils/{id}");
        var links = page.QuerySelectorAll("main table a[download]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);
        Assert.Contains("version précédente", page.QuerySelector("main table")!.TextContent);
        var current = await (await client.GetAsync(links[0])).Content.ReadAsByteArrayAsync();
        var previous = await (await client.GetAsync(links[1])).Content.ReadAsByteArrayAsync();
        Assert.Equal(second, current);
        Assert.Equal(first, previous);
    }

    [Fact]
    public async Task MembersOfTheSection_AreNotifiedOfANewTool_NotTheAuthorNorOtherRegions()
    {
        var (client, author) = await MemberAsync("gaspesie-iles-de-la-madeleine");
        var colleague = await factory.CreateMemberAsync("gaspesie-iles-de-la-madeleine");
        var elsewhere = await factory.CreateMemberAsync("laval");

        var id = await ShareAsync(client, "Carte des ressources de la Haute-Gaspésie", "gaspesie-iles-de-la-madeleine", files: ("carte.pdf", SampleFiles.Pdf("Carte")));
        await factory.EventsHandledAsync();

        var notified = await factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.Kind == RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key && n.Link.Contains($"/outils/{id}-")).Select(n => n.UserId).ToListAsync());
        Assert.Contains(colleague.UserId, notified);
        Assert.DoesNotContain(author.UserId, notified);
        Assert.DoesNotContain(elsewhere.UserId, notified);
    }

    [Fact]
    public async Task AWithdrawnTool_IsGone_FromItsPageAndFromSearch()
    {
        var (client, _) = await MemberAsync();
        var id = await ShareAsync(client, "Outil xylophonique à retirer", files: ("x.pdf", SampleFiles.Pdf("xylophonique")));
        var search = factory.Services.GetRequiredService<ISearch>();
        for (var i = 0; i < 50 && (await search.SearchAsync(new SearchQuery("xylophonique", new Dictionary<string, string>()), SearchReader.Visitor)).Total == 0; i++) await Task.Delay(100);

        var withdrawn = await client.SubmitFormAsync($"/lanaudiere/outils/{id}", new Dictionary<string, string>(), handler: "Retirer");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
        SearchResults after = SearchResults.Empty;
        for (var i = 0; i < 50; i++)
        {
            after = await search.SearchAsync(new SearchQuery("xylophonique", new Dictionary<string, string>()), SearchReader.Visitor);
            if (after.Total == 0) break;
            await Task.Delay(100);
        }
        Assert.Equal(0, after.Total);
    }

    [Fact]
    public async Task ToolsWithdrawnOrLeftAsDraftsLongAgo_AreDeletedWithTheirFiles_OthersAreKept()
    {
        var (client, _) = await MemberAsync();
        var withdrawnLongAgo = await ShareAsync(client, "Ancien outil retiré", files: ("ancien.pdf", SampleFiles.Pdf("Ancien")));
        var withdrawnYesterday = await ShareAsync(client, "Outil retiré hier", files: ("recent.pdf", SampleFiles.Pdf("Récent")));
        var draftLongAgo = await ShareAsync(client, "Brouillon oublié", files: ("brouillon.pdf", SampleFiles.Pdf("Brouillon")));
        var publishedLongAgo = await ShareAsync(client, "Outil publié il y a longtemps", files: ("publie.pdf", SampleFiles.Pdf("Publié")));
        foreach (var id in new[] { withdrawnLongAgo, withdrawnYesterday })
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync($"/lanaudiere/outils/{id}", new Dictionary<string, string>(), handler: "Retirer")).StatusCode);
        var page = await client.GetDocumentAsync($"/lanaudiere/outils/{publishedLongAgo}");
        Assert.Contains("supprimé avec ses fichiers après 30 jours", page.QuerySelector("#retrait-aide")!.TextContent);
        var ids = new[] { withdrawnLongAgo, withdrawnYesterday, draftLongAgo, publishedLongAgo };
        var longAgo = DateTimeOffset.UtcNow.AddDays(-31);
        await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().Where(t => t.Id == draftLongAgo)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, ToolStatus.Draft)));
        await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().Where(t => t.Id != withdrawnYesterday && ids.Contains(t.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UpdatedAt, longAgo)));
        var keys = await factory.WithDbAsync(db => db.Set<ToolFile>().Where(f => ids.Contains(f.ToolId)).ToDictionaryAsync(f => f.ToolId, f => f.StorageKey));

        var cleanup = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<UnpublishedToolsCleanup>().Single();
        await cleanup.DeleteExpiredAsync(CancellationToken.None);

        var left = await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().Where(t => ids.Contains(t.Id)).Select(t => t.Id).OrderBy(i => i).ToListAsync());
        Assert.Equal([withdrawnYesterday, publishedLongAgo], left);
        Assert.False(await factory.WithDbAsync(db => db.Set<ToolFile>().AnyAsync(f => f.ToolId == withdrawnLongAgo || f.ToolId == draftLongAgo)));
        var stored = await factory.StoredKeysAsync();
        foreach (var id in ids)
            Assert.Equal(left.Contains(id), stored.Contains(keys[id]));
    }

    [Fact]
    public async Task TheAuthorAndTheCoordination_CanEdit_OthersCannot()
    {
        var (author, _) = await MemberAsync();
        var (stranger, _) = await MemberAsync();
        var coordinator = await factory.CreateMemberAsync("monteregie", ("lanaudiere", Roles.Coordinator));
        var coordination = factory.CreatePortalClient();
        await coordination.SignInAsync(coordinator);
        var id = await ShareAsync(author, "Fiche de départ", files: ("fiche.pdf", SampleFiles.Pdf("Fiche")));
        var lanaudiere = await factory.SectionAsync("lanaudiere");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/lanaudiere/outils/{id}/modifier")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordination.GetAsync($"/lanaudiere/outils/{id}/modifier")).StatusCode);

        // A new summary with personal information needs the author's confirmation.
        var withPhone = Fields("Fiche de départ revue", lanaudiere.Id, summary: "Appeler Mireille au 450 555-0123.");
        var refused = await author.SubmitFormAsync($"/lanaudiere/outils/{id}/modifier", withPhone.ToDictionary());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("renseignements personnels", Html.FieldError(Html.Parse(await refused.BodyAsync()), "Input.ConfirmPersonalInfo"));

        var edited = await author.SubmitFormAsync($"/lanaudiere/outils/{id}/modifier",
            Fields("Fiche géocentrique revue", lanaudiere.Id, summary: "Une fiche revue après la journée d'échange.").ToDictionary());
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var page = await stranger.GetDocumentAsync($"/lanaudiere/outils/{id}");
        Assert.Equal("Fiche géocentrique revue", page.QuerySelector("main h1")!.TextContent);

        var search = factory.Services.GetRequiredService<ISearch>();
        SearchResults found = SearchResults.Empty;
        for (var i = 0; i < 50 && found.Total == 0; i++, await Task.Delay(100))
            found = await search.SearchAsync(new SearchQuery("géocentrique", new Dictionary<string, string>()), SearchReader.Visitor);
        Assert.Equal(id.ToString(), Assert.Single(found.Hits).Id);
    }

    [Fact]
    public async Task ACoordinator_CannotMoveATool_ToARegionTheyDoNotCoordinate_ButItsAuthorCan()
    {
        var (author, _) = await MemberAsync();
        var coordinator = await factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var coordination = factory.CreatePortalClient();
        await coordination.SignInAsync(coordinator);
        var id = await ShareAsync(author, "Grille d'animation", files: ("grille.pdf", SampleFiles.Pdf("Grille")));
        var laurentides = await factory.SectionAsync("laurentides");

        var refused = await coordination.SubmitFormAsync($"/lanaudiere/outils/{id}/modifier", Fields("Grille d'animation", laurentides.Id).ToDictionary());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("section que vous coordonnez", Html.FieldError(Html.Parse(await refused.BodyAsync()), "Input.SectionId"));
        Assert.Equal((await factory.SectionAsync("lanaudiere")).Id, await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().Where(t => t.Id == id).Select(t => t.SectionId).SingleAsync()));

        var moved = await author.SubmitFormAsync($"/lanaudiere/outils/{id}/modifier", Fields("Grille d'animation", laurentides.Id).ToDictionary());
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.StartsWith("/laurentides/outils/", moved.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task HomePages_ShowTheLatestToolsTheReaderMayOpen()
    {
        // The newest tools, shared here: one public and one for members in Lanaudière, one in Montérégie.
        var (author, _) = await MemberAsync("lanaudiere");
        var (elsewhere, _) = await MemberAsync("monteregie");
        await ShareAsync(author, "Calendrier des fêtes de quartier de Joliette", files: ("calendrier.pdf", SampleFiles.Pdf("Calendrier")));
        await ShareAsync(author, "Bilan des membres de Rawdon", visibility: "Members", files: ("bilan.pdf", SampleFiles.Pdf("Bilan")));
        await ShareAsync(elsewhere, "Portrait des organismes de Longueuil", "monteregie", files: ("portrait.pdf", SampleFiles.Pdf("Portrait")));
        var visitor = factory.CreatePortalClient();
        var (member, _) = await MemberAsync("monteregie");

        var section = (await visitor.GetDocumentAsync("/lanaudiere/")).QuerySelector("#derniers-outils")!.ParentElement!;
        var nationalForVisitor = (await visitor.GetDocumentAsync("/")).QuerySelector("#derniers-outils")!.ParentElement!.TextContent;
        var nationalForMember = (await member.GetDocumentAsync("/")).QuerySelector("#derniers-outils")!.ParentElement!.TextContent;

        Assert.Contains("Calendrier des fêtes de quartier de Joliette", section.TextContent);
        Assert.DoesNotContain("Portrait des organismes de Longueuil", section.TextContent);
        Assert.All(section.QuerySelectorAll("a"), a => Assert.StartsWith("/lanaudiere/outils", a.GetAttribute("href")));
        Assert.Contains("Portrait des organismes de Longueuil", nationalForVisitor);
        Assert.DoesNotContain("Bilan des membres de Rawdon", nationalForVisitor);
        Assert.Contains("Bilan des membres de Rawdon", nationalForMember);
    }

    private async Task<(int Tools, int Files, int Stored)> CountsAsync() => await factory.WithDbAsync(async db =>
        (await db.Set<Tool>().IgnoreQueryFilters().CountAsync(), await db.Set<ToolFile>().CountAsync(), (await factory.StoredKeysAsync()).Count));
}

public sealed class SqliteToolTests(SqlitePortalFactory factory) : ToolTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresToolTests(PostgresPortalFactory factory) : ToolTests<PostgresPortalFactory>(factory);

/// <summary>The same tests with the files in an S3-compatible object store (s3rver from npm, started by run-all.sh).</summary>
public sealed class S3ToolTests(S3PortalFactory factory) : ToolTests<S3PortalFactory>(factory), IClassFixture<S3PortalFactory>;
