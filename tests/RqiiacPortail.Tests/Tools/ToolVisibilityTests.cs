using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Tests.Tools;

/// <summary>
/// Three tools of Lanaudière — public, members, members of the section — against four kinds of reader, over
/// the tool page, the file download, the list and the search results (counts included).
/// </summary>
public abstract class ToolVisibilityTests<TFactory>(ToolVisibilityTests<TFactory>.Library library) : IClassFixture<ToolVisibilityTests<TFactory>.Library>
    where TFactory : PortalFactory, new()
{
    public const string Anonymous = "anonyme", Member = "membre", OtherMember = "membre d'une autre section", Coordinator = "coordination";

    public static TheoryData<string, string, bool> Matrix() => new()
    {
        { Anonymous, "Public", true }, { Anonymous, "Members", false }, { Anonymous, "SectionMembers", false },
        { OtherMember, "Public", true }, { OtherMember, "Members", true }, { OtherMember, "SectionMembers", false },
        { Member, "Public", true }, { Member, "Members", true }, { Member, "SectionMembers", true },
        { Coordinator, "Public", true }, { Coordinator, "Members", true }, { Coordinator, "SectionMembers", true },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Reader_SeesTheTool_OnlyWhereAllowed(string reader, string visibility, bool allowed)
    {
        var client = library.Clients[reader];
        var (id, fileUrl, word) = library.Tools[visibility];

        var page = await client.GetAsync($"/lanaudiere/outils/{id}");
        var file = await client.GetAsync(fileUrl);
        var list = await client.GetDocumentAsync("/lanaudiere/outils");
        var national = await client.GetDocumentAsync("/outils");
        var search = await client.GetDocumentAsync($"/recherche?q={word}");

        var denied = reader == Anonymous ? HttpStatusCode.Redirect : HttpStatusCode.NotFound;
        Assert.Equal(allowed ? HttpStatusCode.OK : denied, page.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.OK : denied, file.StatusCode);
        Assert.Equal(allowed, list.QuerySelectorAll("main .card a").Any(a => a.GetAttribute("href")!.StartsWith($"/lanaudiere/outils/{id}-")));
        Assert.Equal(allowed, national.QuerySelectorAll("main .card a").Any(a => a.GetAttribute("href")!.StartsWith($"/lanaudiere/outils/{id}-")));
        Assert.Equal(allowed ? "1 résultat" : "Aucun résultat", search.QuerySelector("#resultats")!.TextContent.Trim());
        if (!allowed) Assert.DoesNotContain(search.QuerySelectorAll("aside .badge"), b => b.TextContent.Trim() != "0");
    }

    public sealed class Library : IAsyncLifetime
    {
        private readonly TFactory _factory = new();
        public Dictionary<string, HttpClient> Clients { get; } = [];
        public Dictionary<string, (int Id, string FileUrl, string Word)> Tools { get; } = [];

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)_factory).InitializeAsync();
            var author = await _factory.CreateMemberAsync("lanaudiere");
            var authorClient = _factory.CreatePortalClient();
            await authorClient.SignInAsync(author);
            var lanaudiere = await _factory.SectionAsync("lanaudiere");
            foreach (var (visibility, word) in new[] { ("Public", "ornithorynque"), ("Members", "kangourou"), ("SectionMembers", "wombat") })
            {
                var response = await authorClient.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
                    [new("Input.Title", $"Fiche {word}"), new("Input.Summary", $"Une fiche sur le {word}."), new("Input.SectionId", lanaudiere.Id.ToString()),
                     new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", visibility)],
                    [("Input.Files", $"{word}.pdf", SampleFiles.Pdf(word))]);
                var id = int.Parse(response.Headers.Location!.OriginalString.Split("/outils/")[1].Split('/')[0]);
                await _factory.EventsHandledAsync();
                var page = await authorClient.GetDocumentAsync($"/lanaudiere/outils/{id}");
                Tools[visibility] = (id, page.QuerySelector("main table a[download]")!.GetAttribute("href")!, word);
            }

            Clients[Anonymous] = _factory.CreatePortalClient();
            foreach (var (reader, account) in new[]
            {
                (Member, await _factory.CreateMemberAsync("lanaudiere")),
                (OtherMember, await _factory.CreateMemberAsync("monteregie")),
                (Coordinator, await _factory.CreateMemberAsync("monteregie", ("lanaudiere", Roles.Coordinator))),
            })
            {
                var client = _factory.CreatePortalClient();
                await client.SignInAsync(account);
                Clients[reader] = client;
            }

            // Wait until the three are in the index.
            var search = _factory.Services.GetRequiredService<ISearch>();
            for (var i = 0; i < 50 && (await search.SearchAsync(new SearchQuery("fiche", new Dictionary<string, string>()), SearchReader.Of(RqiiacPortail.Web.Modules.Members.Contracts.Audience.Members, RqiiacPortail.Web.Modules.Members.Contracts.Audience.SectionMembers(lanaudiere.Id)))).Total < 3; i++)
                await Task.Delay(100);
        }

        public async Task DisposeAsync() => await ((IAsyncLifetime)_factory).DisposeAsync();
    }
}

public sealed class SqliteToolVisibilityTests(ToolVisibilityTests<SqlitePortalFactory>.Library library) : ToolVisibilityTests<SqlitePortalFactory>(library);

[Collection(PostgresCollection.Name)]
public sealed class PostgresToolVisibilityTests(ToolVisibilityTests<PostgresPortalFactory>.Library library) : ToolVisibilityTests<PostgresPortalFactory>(library);
