using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Files;

/// <summary>Zip bombs and endless PDFs, with tight bounds so that the suite stays fast.</summary>
public sealed class FileBoundsTests
{
    private static readonly FilesOptions Tight = new() { MaxExpandedMb = 4, MaxXmlPartMb = 2, ExtractionTimeout = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public void AnArchiveExpandingPastItsBounds_IsRefused_BeforeAnythingParsesIt()
    {
        var docx = FileInspector.Inspect(new MemoryStream(HostileFiles.DocxBomb(3)), Tight);
        var odt = FileInspector.Inspect(new MemoryStream(HostileFiles.OdtBomb(5)), Tight);
        var normal = FileInspector.Inspect(new MemoryStream(SampleFiles.Docx("Grille d'analyse")), Tight);

        Assert.Null(docx.Kind);
        Assert.Contains("se décompresse en plus de 2 Mo", docx.Problem);
        Assert.Null(odt.Kind);
        Assert.Contains("se décompresse en plus de 4 Mo", odt.Problem);
        Assert.Equal(FileInspector.Docx, normal.Kind);
        Assert.Null(normal.Problem);
    }

    [Fact]
    public void APdfThatKeepsTheParserBusy_IsStoppedAtItsTimeBudget()
    {
        var e = Assert.Throws<FileTooCostlyException>(() => TextExtractor.Extract(new MemoryStream(HostileFiles.GarbagePdf(8)), FileInspector.Pdf, Tight, CancellationToken.None));

        Assert.Contains("secondes de lecture", e.Message);
    }

    [Fact]
    public void Extraction_HonoursCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            TextExtractor.Extract(new MemoryStream(HostileFiles.GarbagePdf(8)), FileInspector.Pdf, new FilesOptions(), cancelled.Token));
    }

    [Fact]
    public void TheTextKept_IsBoundedPerFile()
    {
        var lines = Enumerable.Range(0, 400).Select(i => $"Ligne {i} de la grille d'analyse du milieu et de ses partenaires").ToArray();

        var text = TextExtractor.Extract(new MemoryStream(SampleFiles.Docx(lines)), FileInspector.Docx, new FilesOptions { MaxTextLength = 1000 }, CancellationToken.None);

        Assert.Equal(1000, text.Length);
        Assert.StartsWith("Ligne 0 de la grille", text);
    }
}

/// <summary>The same files through the forms, and what is left on disk afterwards.</summary>
public abstract class FileLimitsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory
{
    internal static IEnumerable<KeyValuePair<string, string?>> TightSettings() =>
        [new("Files:MaxExpandedMb", "4"), new("Files:MaxXmlPartMb", "2"), new("Files:ExtractionTimeout", "00:00:00.100")];

    [Theory]
    [InlineData("guide.docx", "docx", "se décompresse en plus de 2 Mo")]
    [InlineData("guide.odt", "odt", "se décompresse en plus de 4 Mo")]
    public async Task AHostileFile_IsRefusedNextToTheField_AndNothingIsStored(string name, string kind, string message)
    {
        var member = await factory.CreateMemberAsync("lanaudiere");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(member);
        var section = await factory.SectionAsync("lanaudiere");
        var bytes = kind switch { "docx" => HostileFiles.DocxBomb(3), "odt" => HostileFiles.OdtBomb(5), _ => HostileFiles.GarbagePdf(8) };
        var filesBefore = StoredFiles();

        var response = await client.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
        [
            new("Input.Title", "Outil piégé"), new("Input.Summary", "Un résumé."), new("Input.SectionId", section.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"),
        ], [("Input.Files", name, bytes)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Html.FieldError(Html.Parse(await response.BodyAsync()), "Input.Files");
        Assert.StartsWith($"« {name} »", error);
        Assert.Contains(message, error);
        Assert.Equal(filesBefore, StoredFiles());
        Assert.False(await factory.WithDbAsync(db => db.Set<Tool>().AcrossSections().AnyAsync(t => t.Title == "Outil piégé")));
    }

    [Fact]
    public async Task AFileTooSlowToRead_IsHeldAfterItsAnalysis_AndTheVerificationPageSaysWhy()
    {
        var member = await factory.CreateMemberAsync("lanaudiere");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(member);
        var section = await factory.SectionAsync("lanaudiere");

        // Reading a file happens after the request: the upload itself is quick, whatever the file costs to read.
        var response = await client.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
        [
            new("Input.Title", "Grille trop lente"), new("Input.Summary", "Un résumé."), new("Input.SectionId", section.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"),
        ], [("Input.Files", "grille.pdf", HostileFiles.GarbagePdf(8))]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var verification = response.Headers.Location!.OriginalString;
        Assert.EndsWith("/verification", verification);
        await factory.EventsHandledAsync();

        var page = await client.GetDocumentAsync(verification);
        var notice = page.QuerySelector("main .notice--error")!.TextContent;
        Assert.Contains("Le texte de « grille.pdf » n'a pas pu être lu", notice);
        Assert.Contains("secondes de lecture", notice);
        Assert.NotNull(page.QuerySelector("form[action*='handler=Remplacer']"));
        var tool = await factory.WithDbAsync(db => db.Set<Tool>().AcrossSections().Include(t => t.Files).SingleAsync(t => t.Title == "Grille trop lente"));
        Assert.Equal(ToolStatus.Draft, tool.Status);
        Assert.True(Assert.Single(tool.Files).HeldForReview);
    }

    [Fact]
    public async Task OrphanAndHalfWrittenFiles_AreSwept_OnceOld_ButNotTheFilesOfTools()
    {
        var store = factory.Started().Services.GetRequiredService<IFileStore>();
        var orphan = await store.SaveAsync(new MemoryStream(SampleFiles.Pdf("Orphelin")), CancellationToken.None);
        var recent = await store.SaveAsync(new MemoryStream(SampleFiles.Pdf("Récent")), CancellationToken.None);
        var root = Path.Combine(factory.DataPath, "fichiers");
        var partial = Path.Combine(root, "zz", "coupe-en-deux" + ".partiel");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        await File.WriteAllTextAsync(partial, "moitié");
        var kept = await factory.WithDbAsync(db => db.Set<ToolFile>().Select(f => f.StorageKey).FirstAsync());
        var old = DateTime.UtcNow.AddHours(-2);
        foreach (var key in new[] { orphan.Key, kept }) File.SetLastWriteTimeUtc(Path.Combine(root, key), old);
        File.SetLastWriteTimeUtc(partial, old);

        var deleted = await factory.Services.GetRequiredService<OrphanFileSweeper>().SweepAsync(CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.False(File.Exists(Path.Combine(root, orphan.Key)));
        Assert.False(File.Exists(partial));
        Assert.True(File.Exists(Path.Combine(root, kept)));
        Assert.True(File.Exists(Path.Combine(root, recent.Key)));
    }

    private string[] StoredFiles()
    {
        var root = Path.Combine(factory.DataPath, "fichiers");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order().ToArray() : [];
    }
}

public sealed class SqliteFileLimitsTests(SqliteFileLimitsTests.Factory factory) : FileLimitsTests<SqliteFileLimitsTests.Factory>(factory)
{
    public sealed class Factory : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => TightSettings();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresFileLimitsTests(PostgresFileLimitsTests.Factory factory) : FileLimitsTests<PostgresFileLimitsTests.Factory>(factory)
{
    public sealed class Factory : PostgresPortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => TightSettings();
    }
}
