using System.Net;
using RqiiacPortail.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Taxonomy;

public abstract class TaxonomyTests<TFactory>(TFactory factory) where TFactory : PortalFactory
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
    public async Task Administrators_ReorderTerms_AndRemoveOnlyThoseNoContentUses()
    {
        var admin = await factory.CreateMemberAsync("laval", [], [Roles.Administrator]);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);
        foreach (var name in new[] { "Terme alpha", "Terme bêta" })
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/admin/taxonomie",
                new Dictionary<string, string> { ["vocabulary"] = "champs-pratique", ["name"] = name }, handler: "Ajouter")).StatusCode);
        var alpha = await TermIdAsync("Terme alpha");
        var beta = await TermIdAsync("Terme bêta");

        var moved = await client.SubmitFormAsync("/admin/taxonomie", new Dictionary<string, string> { ["term"] = beta.ToString(), ["sens"] = "haut" }, handler: "Deplacer");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var names = (await FieldsAsync()).Select(t => t.Name).ToList();
        Assert.True(names.IndexOf("Terme bêta") < names.IndexOf("Terme alpha"), string.Join(", ", names));

        // A tool described with « alpha » keeps it from being removed; « bêta », unused, goes.
        var tool = await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().Select(t => t.Id).FirstAsync());
        await factory.WithDbAsync(db => { db.Add(new ToolTerm { ToolId = tool, TermId = alpha }); return db.SaveChangesAsync(); });
        var refused = await client.SubmitFormAsync("/admin/taxonomie", new Dictionary<string, string> { ["term"] = alpha.ToString() }, handler: "Supprimer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("« Terme alpha » décrit encore des contenus (outils : 1)", await refused.TextAsync());
        var removed = await client.SubmitFormAsync("/admin/taxonomie", new Dictionary<string, string> { ["term"] = beta.ToString() }, handler: "Supprimer");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var left = (await FieldsAsync()).Select(t => t.Name).ToList();
        Assert.Contains("Terme alpha", left);
        Assert.DoesNotContain("Terme bêta", left);
    }

    private async Task<IReadOnlyList<TermInfo>> FieldsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ITaxonomy>().FindAsync(Vocabularies.Fields))!.Terms;
    }

    private async Task<int> TermIdAsync(string name) => (await FieldsAsync()).Single(t => t.Name == name).Id;

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

public sealed class SqliteTaxonomyTests(SqlitePortalFactory factory) : TaxonomyTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresTaxonomyTests(PostgresPortalFactory factory) : TaxonomyTests<PostgresPortalFactory>(factory);
