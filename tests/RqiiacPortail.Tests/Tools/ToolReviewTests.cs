using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Tools;

/// <summary>
/// Every file that enters a tool goes through the personal-information check, by any route (issue 10): one added
/// to a published tool waits for its author, search never shows what the check flags, and the author can replace
/// the file from the verification page.
/// </summary>
public abstract class ToolReviewTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static readonly byte[] Personal = SampleFiles.Pdf("Liste des bénévoles du comité de Yamachiche", "Josée : 514 555-0199, josee@exemple.org", "NAS 046 454 286");

    private async Task<(HttpClient Author, int Id)> PublishedToolAsync(string title)
    {
        var author = factory.CreatePortalClient();
        await author.SignInAsync(await factory.CreateMemberAsync("mauricie"));
        var section = await factory.SectionAsync("mauricie");
        var response = await author.SubmitMultipartAsync("/mauricie/outils/nouveau",
        [
            new("Input.Title", title), new("Input.Summary", "Un gabarit de compte rendu."), new("Input.SectionId", section.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"), new("Input.Author", "Équipe"),
        ], [("Input.Files", "gabarit.pdf", SampleFiles.Pdf("Gabarit de compte rendu de rencontre"))]);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split("/outils/")[1].Split('/')[0]);
        // Its file is analysed after the request; nothing is found in it, so it goes out by itself.
        await factory.EventsHandledAsync();
        Assert.Equal(ToolStatus.Published, await factory.WithDbAsync(db => db.Set<Tool>().AcrossSections().Where(t => t.Id == id).Select(t => t.Status).SingleAsync()));
        return (author, id);
    }

    private async Task<SearchResults> SearchAsync(string text, Func<SearchResults, bool> until)
    {
        var search = factory.Services.GetRequiredService<ISearch>();
        var results = SearchResults.Empty;
        for (var i = 0; i < 50; i++, await Task.Delay(100))
            if (until(results = await search.SearchAsync(new SearchQuery(text, new Dictionary<string, string>()), SearchReader.Visitor))) break;
        return results;
    }

    [Fact]
    public async Task AFileAddedToAPublishedTool_WaitsForItsAuthor_AndSearchNeverShowsWhatTheCheckFlags()
    {
        var (author, id) = await PublishedToolAsync("Compte rendu du comité de Trois-Rivières");
        var visitor = factory.CreatePortalClient();

        var uploaded = await author.SubmitMultipartAsync($"/mauricie/outils/{id}", [], [("fichier", "benevoles-yamachiche.pdf", Personal)], handler: "NouvelleVersion");
        Assert.Equal($"/mauricie/outils/{id}/verification", uploaded.Headers.Location!.OriginalString);
        await factory.EventsHandledAsync();
        var held = await factory.WithDbAsync(db => db.Set<ToolFile>().SingleAsync(f => f.ToolId == id && f.FileName == "benevoles-yamachiche.pdf"));
        Assert.True(held.HeldForReview);

        // Held: the tool stays out, the file does not exist for a visitor, search knows nothing of it.
        var page = await visitor.GetAsync($"/mauricie/outils/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("benevoles-yamachiche.pdf", await page.BodyAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/mauricie/outils/{id}/fichiers/{held.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync($"/mauricie/outils/{id}/fichiers/{held.Id}")).StatusCode);
        await SearchAsync("Trois-Rivières", r => r.Total > 0);
        Assert.Equal(0, (await SearchAsync("Yamachiche", _ => false)).Total);

        // Confirmed: out, and a snippet from the file masks the numbers whatever the author chose.
        var confirmed = await author.SubmitFormAsync($"/mauricie/outils/{id}/verification", new Dictionary<string, string> { ["Confirmed"] = "true" }, handler: "Publier");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        // The page the author lands on says what happened, in a region screen readers announce, once.
        var landed = await author.GetDocumentAsync(confirmed.Headers.Location!.OriginalString);
        Assert.Equal("Fichier publié avec l'outil.", landed.QuerySelector("main [role=status].flash")!.TextContent.Trim());
        Assert.Null((await author.GetDocumentAsync(confirmed.Headers.Location!.OriginalString)).QuerySelector(".flash"));
        Assert.NotNull(landed.QuerySelector("form[data-confirm]"));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/mauricie/outils/{id}/fichiers/{held.Id}")).StatusCode);
        // Another test's tool may carry the same number: wait for this one.
        var found = await SearchAsync("046 454 286", r => r.Hits.Any(h => h.Id == id.ToString()));
        var snippet = found.Hits.Single(h => h.Id == id.ToString()).SnippetHtml;
        Assert.DoesNotContain("454", snippet);
        Assert.DoesNotContain("555-0199", snippet);
        Assert.DoesNotContain("josee@exemple.org", snippet);
        // The result says the words were found in a file, and its snippet comes from there.
        var hit = found.Hits.Single(h => h.Id == id.ToString());
        Assert.Equal("le fichier « benevoles-yamachiche.pdf »", hit.FoundIn);
        Assert.Contains("NAS", snippet);
        var page2 = await visitor.GetDocumentAsync("/mauricie/recherche?q=" + Uri.EscapeDataString("comité Yamachiche") + "&section=tous");
        Assert.Contains("trouvé dans le fichier « benevoles-yamachiche.pdf »", page2.QuerySelectorAll("main .result__meta").Select(m => m.TextContent).First());
    }

    [Fact]
    public async Task AToolPage_PutsTheDescriptionFirst_OffersADownloadButtonPerFile_AndLinksItsTermsToTheLibrary()
    {
        var visitor = factory.CreatePortalClient();
        // A sample tool of the national recipe: public, with a file and terms.
        var (id, title) = await factory.WithDbAsync(async db =>
        {
            var t = await db.Set<Tool>().IgnoreQueryFilters().Where(t => t.Status == ToolStatus.Published && t.Visibility == ToolVisibility.Public
                && t.Files.Any() && t.Terms.Any()).OrderBy(t => t.Id).Select(t => new { t.Id, t.Title }).FirstAsync();
            return (t.Id, t.Title);
        });
        var page = await visitor.GetDocumentAsync($"/outils/{id}", HttpStatusCode.OK);

        // The description is read before the tool's card (section, licence, themes), which sits beside it on a wide screen.
        var inOrder = page.QuerySelectorAll("main article *").ToList();
        Assert.True(inOrder.IndexOf(page.QuerySelector("main article .summary")!) < inOrder.IndexOf(page.QuerySelector("main article dl.meta")!));
        var button = page.QuerySelector("main table a.button[download]")!;
        Assert.Matches(@"^Télécharger « .+ » \((PDF|Word), \d+(,\d)? (o|Ko|Mo)\)$", System.Text.RegularExpressions.Regex.Replace(button.TextContent, @"\s+", " ").Trim());
        var tag = page.QuerySelector("main .tags a.tag")!;
        Assert.StartsWith("/outils?", tag.GetAttribute("href"));
        var filtered = await visitor.GetDocumentAsync(tag.GetAttribute("href")!);
        Assert.Contains(filtered.QuerySelectorAll("main .card h3"), h => h.TextContent.Trim() == title);
    }

    [Fact]
    public async Task ANewVersionHeldForReview_LeavesThePreviousOneOut()
    {
        var (author, id) = await PublishedToolAsync("Gabarit de bilan de Shawinigan");
        var slot = await factory.WithDbAsync(db => db.Set<ToolFile>().Where(f => f.ToolId == id).Select(f => f.Slot).SingleAsync());

        var uploaded = await author.SubmitMultipartAsync($"/mauricie/outils/{id}", [new("remplace", slot.ToString())], [("fichier", "gabarit-v2.pdf", Personal)], handler: "NouvelleVersion");

        Assert.EndsWith("/verification", uploaded.Headers.Location!.OriginalString);
        await factory.EventsHandledAsync();
        var body = await (await factory.CreatePortalClient().GetAsync($"/mauricie/outils/{id}")).BodyAsync();
        Assert.Contains("gabarit.pdf", body);
        Assert.DoesNotContain("gabarit-v2.pdf", body);
    }

    [Fact]
    public async Task TheVerificationPage_SaysWhereEachFindingIs_AndTheFileCanBeReplacedWithoutRetypingTheTool()
    {
        var (author, id) = await PublishedToolAsync("Répertoire des ressources de Louiseville");
        var lines = Enumerable.Range(1, 40).Select(i => $"Ressource numéro {i}").Append("Contact : 819 555-0142").ToArray();
        await author.SubmitMultipartAsync($"/mauricie/outils/{id}", [], [("fichier", "repertoire.pdf", SampleFiles.Pdf(lines))], handler: "NouvelleVersion");
        await factory.EventsHandledAsync();

        var page = await author.GetDocumentAsync($"/mauricie/outils/{id}/verification");
        var row = page.QuerySelectorAll("main table tbody tr").Single();
        Assert.Contains("le fichier « repertoire.pdf »", row.TextContent);
        Assert.Contains("page 2", row.TextContent);

        var replaced = await author.SubmitMultipartAsync($"/mauricie/outils/{id}/verification", [],
            [("fichier", "repertoire-corrige.pdf", SampleFiles.Pdf(Enumerable.Range(1, 40).Select(i => $"Ressource numéro {i}").ToArray()))], handler: "Remplacer");

        Assert.True(replaced.StatusCode == HttpStatusCode.Redirect, $"{(int)replaced.StatusCode} {await replaced.TextAsync()}");
        // The corrected file is analysed in turn; found clean, it goes out in place of the held one.
        Assert.Equal($"/mauricie/outils/{id}/verification", replaced.Headers.Location!.OriginalString);
        await factory.EventsHandledAsync();
        var names = await factory.WithDbAsync(db => db.Set<ToolFile>().Where(f => f.ToolId == id).Select(f => new { f.FileName, f.HeldForReview }).ToListAsync());
        Assert.DoesNotContain(names, f => f.FileName == "repertoire.pdf");
        Assert.Contains(names, f => f.FileName == "repertoire-corrige.pdf" && !f.HeldForReview);
        Assert.Contains("repertoire-corrige.pdf", await (await factory.CreatePortalClient().GetAsync($"/mauricie/outils/{id}")).BodyAsync());
    }
}

public sealed class SqliteToolReviewTests(SqlitePortalFactory factory) : ToolReviewTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresToolReviewTests(PostgresPortalFactory factory) : ToolReviewTests<PostgresPortalFactory>(factory);
