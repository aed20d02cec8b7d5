using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace RqiiacPortail.Tests.Recipes;

/// <summary>The admin command line runs the real host binary, as an administrator would.</summary>
public sealed class CommandLineTests
{
    private static async Task<(int Code, string Output)> RunAsync(string dataPath, params string[] args)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "RqiiacPortail.Web.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(host);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["Portal__DataPath"] = dataPath;
        start.Environment["Portal__CreateSampleAccounts"] = "false";
        start.Environment["Portal__RecipesPath"] = Path.Combine(AppContext.BaseDirectory, "recipes");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [Fact]
    public async Task RecipeApply_AppliesAFile_AndRefusesABadOneWithItsMessage()
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-cli-").FullName;
        var good = Path.Combine(data, "ajout.recipe.json");
        await File.WriteAllTextAsync(good, """{ "name": "ajout", "steps": [ { "name": "sections", "sections": [ { "code": "18", "name": "Région d'essai" } ] } ] }""");
        var bad = Path.Combine(data, "mauvaise.recipe.json");
        await File.WriteAllTextAsync(bad, """{ "name": "mauvaise", "steps": [ { "name": "inconnue" } ] }""");

        var applied = await RunAsync(data, "recipe", "apply", good);
        var refused = await RunAsync(data, "recipe", "apply", bad);

        Assert.True(applied.Code == 0, applied.Output);
        Assert.Contains("Recette appliquée", applied.Output);
        Assert.Equal(1, refused.Code);
        Assert.Contains("Étape 1 « inconnue » : type d'étape inconnu", refused.Output);

        await using var db = new SqliteConnection($"Data Source={Path.Combine(data, "portail.db")};Pooling=False");
        await db.OpenAsync();
        await using var count = new SqliteCommand("SELECT COUNT(*) FROM Sections WHERE Slug = 'region-d-essai'", db);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task SearchRebuild_RebuildsTheIndexFromTheDatabase_AndAsksRunningInstancesToo()
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-cli-").FullName;

        var rebuilt = await RunAsync(data, "search", "rebuild");

        Assert.True(rebuilt.Code == 0, rebuilt.Output);
        // The national recipe's sample tools, threads, events and bulletin issues, applied on this first start, are what the index now holds.
        Assert.Contains("Index de recherche reconstruit : 22 documents.", rebuilt.Output);
        Assert.True(Directory.EnumerateFiles(Path.Combine(data, "index")).Any());
        // And running instances, each with its own index, are asked through the database to do the same.
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(data, "portail.db")};Pooling=False"))
        {
            await db.OpenAsync();
            await using var asked = new SqliteCommand("SELECT RebuildRequested FROM IndexLogState WHERE Id = 1", db);
            Assert.Equal(1L, await asked.ExecuteScalarAsync());
        }
        Directory.Delete(data, recursive: true);
    }
}
