using System.Net;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Taxonomy;

public sealed class TaxonomyTests(SqlitePortalFactory factory) : IClassFixture<SqlitePortalFactory>
{
    [Fact]
    public async Task Administrators_AddAndRenameTerms_ThatToolsCanThenUse()
    {
        var admin = await factory.CreateMemberAsync("laval", [], [Roles.Administrator]);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        var added = await client.SubmitFormAsync("/admin/taxonomie", new Dictionary<string, string> { ["vocabulary"] = "champs-pratique", ["name"] = "Itinérance" }, handler: "Ajouter");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var duplicate = await client.SubmitFormAsync("/admin/taxonomie", new Dictionary<string, string> { ["vocabulary"] = "champs-pratique", ["name"] = "itinérance" }, handler: "Ajouter");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Contains("« itinérance » existe déjà dans « Champs de pratique ».", await duplicate.TextAsync());

        var empty = await client.SubmitFormAsync("/admin/taxonomie", new Dictionary<string, string> { ["vocabulary"] = "champs-pratique", ["name"] = "  " }, handler: "Ajouter");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Indiquez le nom du terme.", await empty.TextAsync());

        var page = await client.GetDocumentAsync("/admin/taxonomie");
        var term = page.QuerySelectorAll("input[name=name]").First(i => i.GetAttribute("value") == "Itinérance");
        var id = term.ParentElement!.QuerySelector("input[name=term]")!.GetAttribute("value")!;
        var renamed = await client.SubmitFormAsync("/admin/taxonomie", new Dictionary<string, string> { ["term"] = id, ["name"] = "Itinérance et logement transitoire" }, handler: "Renommer");
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var share = await client.GetDocumentAsync("/laval/outils/nouveau");
        Assert.Contains("Itinérance et logement transitoire", share.QuerySelector("main form")!.TextContent);
    }

    [Fact]
    public async Task Others_CannotChangeTheTaxonomy()
    {
        var coordinator = await factory.CreateMemberAsync("laval", ("laval", Roles.Coordinator));
        var client = factory.CreatePortalClient();
        await client.SignInAsync(coordinator);
        var token = (await client.GetDocumentAsync("/compte/deconnexion")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.PostAsync("/admin/taxonomie?handler=Ajouter",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("vocabulary", "champs-pratique"), new("name", "Intrus")]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
