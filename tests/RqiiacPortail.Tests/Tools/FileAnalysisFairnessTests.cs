using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Tools;

/// <summary>Uploads of tools as the forms send them.</summary>
internal static class ToolUploads
{
    public static async Task<HttpResponseMessage> ShareAsync(this HttpClient client, int sectionId, string title, params (string Name, byte[] Bytes)[] files) =>
        await client.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
        [
            new("Input.Title", title), new("Input.Summary", "Un résumé."), new("Input.SectionId", sectionId.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"),
        ], files.Select(f => ("Input.Files", f.Name, f.Bytes)));

    public static Task<List<ToolFile>> FilesOfAsync(this PortalFactory factory, string title) =>
        factory.WithDbAsync(db => db.Set<ToolFile>().AsNoTracking()
            .Where(f => db.Set<Tool>().AcrossSections().Any(t => t.Id == f.ToolId && t.Title == title)).ToListAsync());
}

/// <summary>
/// Reading uploaded files is shared fairly: one member's damaged files, each taking its whole reading budget,
/// occupy one worker while another member's clean file goes through another, instead of waiting behind them all.
/// </summary>
public sealed class FileAnalysisFairnessTests(FileAnalysisFairnessTests.SlowReadingFactory factory) : IClassFixture<FileAnalysisFairnessTests.SlowReadingFactory>
{
    public sealed class SlowReadingFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("Files:ExtractionTimeout", "00:00:01"), new("Tools:AnalysisWorkers", "2")];
    }

    [Fact]
    public async Task AnotherMembersCleanFile_DoesNotWaitBehindOneMembersDamagedFiles()
    {
        var section = (await factory.SectionAsync("lanaudiere")).Id;
        var flooder = factory.CreatePortalClient();
        await flooder.SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var neighbour = factory.CreatePortalClient();
        await neighbour.SignInAsync(await factory.CreateMemberAsync("lanaudiere"));

        var damaged = Enumerable.Range(1, 5).Select(i => ($"abime-{i}.pdf", HostileFiles.GarbagePdf(8))).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await flooder.ShareAsync(section, "Cinq fichiers abîmés", damaged)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await neighbour.ShareAsync(section, "Une grille propre", ("grille.pdf", SampleFiles.Pdf("Une grille d'animation pour la table.")))).StatusCode);
        for (var i = 0; i < 150 && (await factory.FilesOfAsync("Cinq fichiers abîmés")).Any(f => f.AnalyzedAt is null); i++) await Task.Delay(200);

        var clean = Assert.Single(await factory.FilesOfAsync("Une grille propre"));
        var slow = await factory.FilesOfAsync("Cinq fichiers abîmés");
        Assert.All(slow, f => Assert.Contains("secondes de lecture", f.AnalysisProblem)); // each took its whole budget
        // Whatever the flooder's files had been read when the clean one arrived, it waited for one more at most (the
        // one under way): in one queue for everyone, it waited for all five.
        var readBefore = slow.Count(f => f.AnalyzedAt <= clean.UploadedAt);
        var waitedFor = slow.Count(f => f.AnalyzedAt <= clean.AnalyzedAt) - readBefore;
        Assert.True(readBefore < 4, $"{readBefore} damaged files were read before the clean one was even uploaded: the test proves nothing");
        Assert.True(waitedFor <= 1, $"the clean file waited behind {waitedFor} damaged files");
        // One member's files go one at a time: no two of theirs were read together.
        var ends = slow.Select(f => f.AnalyzedAt!.Value).Order().ToList();
        Assert.All(ends.Zip(ends.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(900), $"{pair.First:O} then {pair.Second:O}"));
    }
}

/// <summary>A member may have only so many files waiting for their analysis (here nothing is analysed at all).</summary>
public sealed class FilesAwaitingAnalysisCapTests(FilesAwaitingAnalysisCapTests.NoAnalysisFactory factory) : IClassFixture<FilesAwaitingAnalysisCapTests.NoAnalysisFactory>
{
    public sealed class NoAnalysisFactory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Events:Handle", "false"), new("Tools:MaxFilesAwaitingAnalysis", "6")];
    }

    [Fact]
    public async Task PastTheCap_AnUploadIsRefusedNextToTheField_AndAnotherMemberIsNotConcerned()
    {
        var section = (await factory.SectionAsync("lanaudiere")).Id;
        var member = factory.CreatePortalClient();
        await member.SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var five = Enumerable.Range(1, 5).Select(i => ($"grille-{i}.pdf", SampleFiles.Pdf($"Grille {i}"))).ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await member.ShareAsync(section, "Cinq grilles", five)).StatusCode);

        var refused = await member.ShareAsync(section, "Deux de plus", ("a.pdf", SampleFiles.Pdf("A")), ("b.pdf", SampleFiles.Pdf("B")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("5 de vos fichiers sont encore en cours d'analyse : attendez qu'ils soient lus avant d'en envoyer d'autres (au plus 6 en attente).",
            Html.FieldError(Html.Parse(await refused.BodyAsync()), "Input.Files"));
        Assert.Empty(await factory.FilesOfAsync("Deux de plus"));
        Assert.Equal(HttpStatusCode.Redirect, (await member.ShareAsync(section, "Une de plus", ("c.pdf", SampleFiles.Pdf("C")))).StatusCode);
        var other = factory.CreatePortalClient();
        await other.SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        Assert.Equal(HttpStatusCode.Redirect, (await other.ShareAsync(section, "La mienne", ("d.pdf", SampleFiles.Pdf("D")))).StatusCode);
    }
}
