using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Sections;
using RqiiacPortail.Web.Modules.Taxonomy;

namespace RqiiacPortail.Tests.Recipes;

public abstract class RecipeTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<RecipeException> ApplyFailingAsync(string json, int? sectionId = null)
    {
        await using var scope = factory.Started().Services.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
        return await Assert.ThrowsAsync<RecipeException>(() => runner.ApplyAsync(json, "essai.recipe.json", sectionId, CancellationToken.None));
    }

    private Task<(int Sections, int Terms, string Name)> SnapshotAsync() => factory.WithDbAsync(async db =>
        (await db.Set<Section>().CountAsync(), await db.Set<Term>().CountAsync(), (await db.Set<Section>().SingleAsync(s => s.Code == "14")).Name));

    [Fact]
    public async Task TheNationalRecipe_SeedsTheWholeTaxonomy()
    {
        var vocabularies = await factory.WithDbAsync(db => db.Set<Vocabulary>().Include(v => v.Terms).ToListAsync());

        Assert.Equal(4, vocabularies.Single(v => v.Key == "approches").Terms.Count);
        Assert.Equal(6, vocabularies.Single(v => v.Key == "types-intervention").Terms.Count);
        Assert.Equal(8, vocabularies.Single(v => v.Key == "actes-professionnels").Terms.Count);
        Assert.Equal(5, vocabularies.Single(v => v.Key == "services").Terms.Count);
        Assert.Contains(vocabularies.Single(v => v.Key == "champs-pratique").Terms, t => t.Name == "Sécurité alimentaire" && t.Slug == "securite-alimentaire");
        Assert.True(vocabularies.Single(v => v.Key == "champs-pratique").IsOpen);
        Assert.Equal(6, vocabularies.Single(v => v.Key == "ethique").Terms.Count);
    }

    [Fact]
    public async Task TheNationalRecipe_SharesADozenSampleTools_WithRealFiles_ThatSearchFinds()
    {
        // The recipe's own tools: other tests on a shared site share and withdraw tools of their own meanwhile.
        var tools = await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Modules.Tools.Tool>().IgnoreQueryFilters()
            .Where(t => t.CreatedById == RqiiacPortail.Web.Modules.Tools.ToolsRecipeStep.RecipeAuthor).Include(t => t.Files).ThenInclude(f => f.Text).ToListAsync());

        Assert.True(tools.Count >= 12, $"{tools.Count} sample tools");
        Assert.True(tools.Select(t => t.SectionId).Distinct().Count() >= 5);
        Assert.All(tools, t => Assert.Equal(RqiiacPortail.Web.Modules.Tools.ToolStatus.Published, t.Status));
        Assert.Contains(tools.SelectMany(t => t.Files), f => f.Kind == "pdf" && f.Text!.Text.Contains("Jardins collectifs"));
        Assert.Contains(tools.SelectMany(t => t.Files), f => f.Kind == "docx" && f.Text!.Text.Contains("concertation"));

        var search = factory.Services.GetRequiredService<RqiiacPortail.Web.Modules.Search.Contracts.ISearch>();
        var found = RqiiacPortail.Web.Modules.Search.Contracts.SearchResults.Empty;
        for (var i = 0; i < 50 && found.Total == 0; i++, await Task.Delay(100))
            found = await search.SearchAsync(new("jardins collectifs", new Dictionary<string, string>()), RqiiacPortail.Web.Modules.Search.Contracts.SearchReader.Visitor);
        Assert.Equal("Portrait de la sécurité alimentaire", Assert.Single(found.Hits).Title);
    }

    [Fact]
    public async Task ABadStep_NamesTheStepAndTheField_AndChangesNothing()
    {
        var before = await SnapshotAsync();

        // The first two steps are valid and would change things; the third is not.
        var error = await ApplyFailingAsync("""
            {
              "name": "essai",
              "steps": [
                { "name": "sections", "sections": [ { "code": "14", "name": "Lanaudière modifiée" }, { "code": "40", "name": "Région test" } ] },
                { "name": "taxonomy", "vocabularies": [ { "key": "approches", "name": "Approches", "terms": ["Nouvelle approche"] } ] },
                { "name": "sections", "sections": [ { "code": "41", "name": "Autre", "slug": "outils" } ] }
              ]
            }
            """);

        Assert.Equal("Étape 3 « sections », champ « sections[0].slug » : « outils » est une adresse réservée par le portail.", error.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task AnUnknownStep_IsRejected_AndChangesNothing()
    {
        var before = await SnapshotAsync();

        var error = await ApplyFailingAsync("""
            { "name": "essai", "steps": [
                { "name": "sections", "sections": [ { "code": "42", "name": "Région test" } ] },
                { "name": "forum-categories", "categories": [] } ] }
            """);

        Assert.StartsWith("Étape 2 « forum-categories » : type d'étape inconnu.", error.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public void TheNationalRecipe_IsTheModulesParts_EachShippedFromItsModulesFolder()
    {
        var recipes = Path.Combine(AppContext.BaseDirectory, "recipes");
        using var national = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(recipes, RecipeRunner.NationalRecipe)));
        var parts = national.RootElement.GetProperty("steps")[0].GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList();

        Assert.Equal(["regions", "cadre-de-reference", "comptes-exemple", "outils-exemple", "forum-exemple", "evenements-exemple", "bulletin-exemple"], parts);
        Assert.All(parts, p => Assert.True(File.Exists(Path.Combine(recipes, RecipeRunner.PartsFolder, p + ".recipe.json")), p));
    }

    [Theory]
    [InlineData("""{ "name": "x", "steps": [ { "name": "recipes", "values": ["introuvable"] } ] }""", "Étape 1 « recipes » : la partie « introuvable » est introuvable.")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "recipes", "values": ["../national"] } ] }""", "« ../national » n'est pas un nom de partie")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "recipes", "values": "regions" } ] }""", "champ « values »")]
    public async Task APartThatIsNotOneTheModulesShip_IsRefused_AndChangesNothing(string json, string expected)
    {
        var before = await SnapshotAsync();

        var error = await ApplyFailingAsync(json);

        Assert.Contains(expected, error.Message);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ABadStepInAPart_NamesThePart_AndTheWholeRecipeChangesNothing()
    {
        var recipes = Path.Combine(AppContext.BaseDirectory, "recipes", RecipeRunner.PartsFolder);
        var name = "essai-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(Path.Combine(recipes, name + ".recipe.json"), """
            { "name": "essai", "steps": [ { "name": "sections", "sections": [ { "code": "44", "name": "X", "slug": "outils" } ] } ] }
            """);
        var looping = name + "-boucle";
        await File.WriteAllTextAsync(Path.Combine(recipes, looping + ".recipe.json"), $$"""
            { "name": "boucle", "steps": [ { "name": "recipes", "values": ["{{looping}}"] } ] }
            """);
        try
        {
            var before = await SnapshotAsync();

            var error = await ApplyFailingAsync($$"""
                { "name": "x", "steps": [
                    { "name": "sections", "sections": [ { "code": "14", "name": "Lanaudière modifiée" } ] },
                    { "name": "recipes", "values": ["{{name}}"] } ] }
                """);
            var loop = await ApplyFailingAsync($$"""{ "name": "x", "steps": [ { "name": "recipes", "values": ["{{looping}}"] } ] }""");

            Assert.Equal($"{name}, étape 1 « sections », champ « sections[0].slug » : « outils » est une adresse réservée par le portail.", error.Message);
            Assert.Contains("trop profondément", loop.Message);
            Assert.Equal(before, await SnapshotAsync());
        }
        finally
        {
            File.Delete(Path.Combine(recipes, name + ".recipe.json"));
            File.Delete(Path.Combine(recipes, looping + ".recipe.json"));
        }
    }

    [Theory]
    [InlineData("""{ "name": "x", "steps": [ { "name": "sections", "sections": [ { "code": "1a", "name": "X" } ] } ] }""", "champ « sections[0].code »")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "sections", "sections": [ { "code": "43" } ] } ] }""", "champ « sections[0].name » : valeur requise.")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "taxonomy", "vocabularies": [ { "key": "Clé Invalide", "name": "X", "terms": [] } ] } ] }""", "champ « vocabularies[0].key »")]
    [InlineData("""{ "name": "x", "steps": [ { "sections": [] } ] }""", "Étape 1 : le champ « name » est requis.")]
    [InlineData("""{ "steps": [] }""", "champ « name » : valeur requise.")]
    [InlineData("""{ "name": "x", "steps": [ """, "n'est pas un JSON valide")]
    public async Task InvalidRecipes_AreRejectedWithAMessageNamingTheField(string json, string expected)
    {
        var error = await ApplyFailingAsync(json);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task ASectionRecipe_NeedsASection_AndSetsItUp()
    {
        var error = await ApplyFailingAsync("""{ "name": "r", "target": "section", "steps": [] }""");
        Assert.Contains("s'applique à une section", error.Message);

        var laval = await factory.SectionAsync("laval");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeRunner>().ApplyFileAsync(RecipeRunner.RegionRecipe, laval.Id, CancellationToken.None);
        }

        var description = await factory.WithDbAsync(db => db.Set<Section>().Where(s => s.Id == laval.Id).Select(s => s.Description).SingleAsync());
        Assert.Contains("section **Laval**", description);
    }

    [Fact]
    public async Task ApplyingTheNationalRecipeAgain_DuplicatesNothing()
    {
        var before = await SnapshotAsync();
        await using (var scope = factory.Started().Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RecipeRunner>().ApplyFileAsync(RecipeRunner.NationalRecipe, null, CancellationToken.None);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ASiteMadeBeforeTheForum_GetsItsCategoriesFromTheNationalRecipe_AndKeepsItsSectionsModules()
    {
        // A site of before: one region without its « Entraide », and without the forum among its modules.
        var (categoryCount, threadCount) = await factory.WithDbAsync(async db => (await db.Set<ForumCategory>().IgnoreQueryFilters().CountAsync(),
            await db.Set<ForumThread>().IgnoreQueryFilters().CountAsync()));
        var region = await factory.WithDbAsync(db => db.Set<Section>().SingleAsync(s => s.Code == "08"));
        var slug = $"{region.Slug}-entraide";
        await factory.WithDbAsync(async db =>
        {
            var section = await db.Set<Section>().SingleAsync(s => s.Id == region.Id);
            section.EnabledModules = section.EnabledModules.Where(m => m != ForumModule.Feature).ToList();
            await db.SaveChangesAsync();
            return await db.Set<ForumCategory>().IgnoreQueryFilters().Where(c => c.Slug == slug).ExecuteDeleteAsync();
        });

        await using (var scope = factory.Started().Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RecipeRunner>().ApplyFileAsync(RecipeRunner.NationalRecipe, null, CancellationToken.None);

        Assert.True(await factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().AnyAsync(c => c.Slug == slug && c.SectionId == region.Id)));
        Assert.Equal((categoryCount, threadCount), await factory.WithDbAsync(async db => (await db.Set<ForumCategory>().IgnoreQueryFilters().CountAsync(),
            await db.Set<ForumThread>().IgnoreQueryFilters().CountAsync())));
        // The region's administrators open its forum themselves (their choice of modules is not the recipe's to undo).
        Assert.DoesNotContain(ForumModule.Feature, (await factory.WithDbAsync(db => db.Set<Section>().SingleAsync(s => s.Id == region.Id))).EnabledModules);
        await factory.WithDbAsync(async db =>
        {
            var section = await db.Set<Section>().SingleAsync(s => s.Id == region.Id);
            section.EnabledModules = [.. section.EnabledModules, ForumModule.Feature];
            return await db.SaveChangesAsync();
        });
    }
}

public sealed class SqliteRecipeTests(SqlitePortalFactory factory) : RecipeTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRecipeTests(PostgresPortalFactory factory) : RecipeTests<PostgresPortalFactory>(factory);
