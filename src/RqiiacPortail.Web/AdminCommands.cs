using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web;

/// <summary>
/// Administration from the command line, on the same host and configuration as the site:
/// <c>dotnet run --project src/RqiiacPortail.Web -- recipe apply FILE [--section SLUG]</c>, <c>… -- search rebuild</c>.
/// </summary>
internal static class AdminCommands
{
    private static readonly string[] Commands = ["recipe", "search", "help"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var ct = CancellationToken.None;
        if (args[0] == "help") return Usage();

        // The same start-up step as the site: migrate, and apply the national recipe to an empty database.
        foreach (var service in app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
            await service.StartAsync(ct);

        await using var scope = app.Services.CreateAsyncScope();
        switch (args)
        {
            case ["recipe", "apply", var file, .. var rest]:
                int? sectionId = null;
                if (rest is ["--section", var slug, ..])
                {
                    var catalog = scope.ServiceProvider.GetRequiredService<ISectionCatalog>();
                    var section = (await catalog.GetAllAsync(ct)).FirstOrDefault(s => s.Slug == slug);
                    if (section is null) return Fail($"Aucune section « {slug} ».");
                    sectionId = section.Id;
                }
                try
                {
                    await scope.ServiceProvider.GetRequiredService<RecipeRunner>().ApplyFileAsync(file, sectionId, ct);
                    Console.WriteLine($"Recette appliquée : {file}");
                    return 0;
                }
                catch (RecipeException e)
                {
                    return Fail(e.Message);
                }
            case ["search", "rebuild", ..]:
                Console.WriteLine(await Modules.Search.SearchModule.RebuildFromCommandLineAsync(app.Services, ct));
                return 0;
            default:
                return Usage();
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"Erreur : {message}");
        return 1;
    }

    private static int Usage()
    {
        Console.WriteLine("""
            Commandes d'administration du portail RQIIAC :
              recipe apply FICHIER [--section IDENTIFIANT]   applique une recette (dossier recipes/ ou chemin)
              search rebuild                                 reconstruit l'index de recherche depuis la base (et
                                                             le fait reconstruire par les instances en marche)
              help                                           affiche cette aide
            """);
        return 2;
    }
}
