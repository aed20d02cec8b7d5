using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.DomainEvents;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Tools;

/// <summary>
/// A file's text is read after the request (issue 11): the upload answers at once, the verification page says
/// « analyse en cours » and refuses to publish until the analysis is done, which the test runs when it wants.
/// </summary>
public abstract class ToolFileAnalysisTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory
{
    private EventOutboxProcessor Processor => factory.Services.GetRequiredService<EventOutboxProcessor>();

    [Fact]
    public async Task TheVerificationPage_SaysTheAnalysisRuns_RefusesToPublishMeanwhile_AndAToolFoundCleanGoesOutByItself()
    {
        var author = factory.CreatePortalClient();
        await author.SignInAsync(await factory.CreateMemberAsync("estrie"));
        var section = await factory.SectionAsync("estrie");
        var response = await author.SubmitMultipartAsync("/estrie/outils/nouveau",
        [
            new("Input.Title", "Calendrier des tables de concertation"), new("Input.Summary", "Les dates de l'année."), new("Input.SectionId", section.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"),
        ], [("Input.Files", "calendrier.pdf", SampleFiles.Pdf("Calendrier 2027 des tables de concertation de Sherbrooke"))]);
        var verification = response.Headers.Location!.OriginalString;
        Assert.EndsWith("/verification", verification);
        var id = int.Parse(verification.Split("/outils/")[1].Split('/')[0]);

        // Nothing is read in the request: no text yet, the file held, the tool a draft.
        var file = await factory.WithDbAsync(db => db.Set<ToolFile>().Include(f => f.Text).SingleAsync(f => f.ToolId == id));
        Assert.Null(file.AnalyzedAt);
        Assert.Null(file.Text);
        Assert.True(file.HeldForReview);

        var page = await author.GetDocumentAsync(verification);
        var notice = page.QuerySelector("main [role=status][data-analysis-poll]")!;
        Assert.Contains("Analyse en cours", notice.TextContent);
        Assert.Contains("« calendrier.pdf »", notice.TextContent);
        Assert.Null(page.QuerySelector("form[action*='handler=Publier']"));
        var poll = notice.GetAttribute("data-analysis-poll")!;
        Assert.Equal(HttpStatusCode.Accepted, (await author.GetAsync(poll)).StatusCode);
        // A forged « Publier » meanwhile is refused with the reason, and nothing goes out.
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var early = await author.PostAsync(verification + "?handler=Publier",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Confirmed", "true")]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("L'analyse des fichiers n'est pas terminée", Html.Parse(await early.BodyAsync()).QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreatePortalClient().GetAsync($"/estrie/outils/{id}")).StatusCode);

        // Files are read in their own lane.
        foreach (var lane in factory.Services.GetServices<EventLaneProcessor>()) while (await lane.HandleNextAsync(default)) { }
        while (await Processor.ProcessAsync(default) > 0) { }

        Assert.Equal(HttpStatusCode.OK, (await author.GetAsync(poll)).StatusCode);
        var done = await author.GetDocumentAsync(verification);
        Assert.Contains("l'outil et ses fichiers sont publiés", done.QuerySelector("main [role=status]")!.TextContent);
        var analysed = await factory.WithDbAsync(db => db.Set<ToolFile>().Include(f => f.Text).SingleAsync(f => f.ToolId == id));
        Assert.NotNull(analysed.AnalyzedAt);
        Assert.False(analysed.HeldForReview);
        Assert.Contains("Sherbrooke", analysed.Text!.Text);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreatePortalClient().GetAsync($"/estrie/outils/{id}")).StatusCode);
    }
}

public sealed class SqliteToolFileAnalysisTests(SqliteEventOutboxTests.Site factory) : ToolFileAnalysisTests<SqliteEventOutboxTests.Site>(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresToolFileAnalysisTests(PostgresEventOutboxTests.Site factory) : ToolFileAnalysisTests<PostgresEventOutboxTests.Site>(factory);
