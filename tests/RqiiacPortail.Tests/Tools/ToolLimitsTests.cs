using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Tools;

public abstract class ToolLimitsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory
{
    internal static IEnumerable<KeyValuePair<string, string?>> SmallFiles() => [new("Tools:MaxFileSizeMb", "1")];

    [Fact]
    public async Task AnOversizedFile_IsRefusedWithAFrenchMessage_AndNothingIsStored()
    {
        var member = await factory.CreateMemberAsync("estrie");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(member);
        var estrie = await factory.SectionAsync("estrie");
        var big = SampleFiles.Pdf("gros").Concat(new byte[1_600_000]).ToArray();
        var tools = await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().CountAsync());
        var stored = StoredFiles();

        var response = await client.SubmitMultipartAsync("/estrie/outils/nouveau",
            [new("Input.Title", "Trop gros"), new("Input.Summary", "Un gros fichier."), new("Input.SectionId", estrie.Id.ToString()), new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public")],
            [("Input.Files", "rapport.pdf", big)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("« rapport.pdf » dépasse la taille permise (1 Mo).", Html.FieldError(Html.Parse(await response.BodyAsync()), "Input.Files"));
        Assert.Equal(tools, await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().CountAsync()));
        Assert.Equal(stored, StoredFiles());
    }

    private int StoredFiles() => Directory.Exists(Path.Combine(factory.DataPath, "fichiers"))
        ? Directory.EnumerateFiles(Path.Combine(factory.DataPath, "fichiers"), "*", SearchOption.AllDirectories).Count() : 0;

    [Fact]
    public async Task BadFields_GetFrenchMessages()
    {
        var member = await factory.CreateMemberAsync("estrie");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(member);

        var response = await client.SubmitMultipartAsync("/estrie/outils/nouveau",
            [new("Input.Title", new string('x', 201)), new("Input.Summary", ""), new("Input.SectionId", "99999"), new("Input.Licence", "piratage"),
             new("Input.Visibility", "Public"), new("Input.Links", "javascript:alert(1)")], []);
        var page = Html.Parse(await response.BodyAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Le titre compte au plus 200 caractères.", Html.FieldError(page, "Input.Title"));
        Assert.Equal("Décrivez l'outil en quelques lignes.", Html.FieldError(page, "Input.Summary"));
        Assert.Equal("Choisissez une section de la liste.", Html.FieldError(page, "Input.SectionId"));
        Assert.Equal("Choisissez une licence de la liste.", Html.FieldError(page, "Input.Licence"));
        Assert.Contains("n'est pas une adresse Web valide", Html.FieldError(page, "Input.Links"));
    }
}

public sealed class SqliteToolLimitsTests(SqliteToolLimitsTests.Site factory) : ToolLimitsTests<SqliteToolLimitsTests.Site>(factory)
{
    public sealed class Site : SqlitePortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => SmallFiles();
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresToolLimitsTests(PostgresToolLimitsTests.Site factory) : ToolLimitsTests<PostgresToolLimitsTests.Site>(factory)
{
    public sealed class Site : PostgresPortalFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => SmallFiles();
    }
}
