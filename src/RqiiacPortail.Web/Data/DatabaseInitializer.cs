using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Infrastructure.Recipes;

namespace RqiiacPortail.Web.Data;

/// <summary>
/// Brings the database up to date at start-up and, on an empty database, applies the national recipe.
/// A hosted service rather than code after <c>app.Build()</c>, so that integration tests run it too.
/// </summary>
internal sealed class DatabaseInitializer(IServiceScopeFactory scopes, DatabaseReady ready, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        ready.Open();
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while the outbox processors write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        await db.Database.MigrateAsync(cancellationToken);

        var recipes = scope.ServiceProvider.GetRequiredService<RecipeRunner>();
        if (!await recipes.IsFirstStartAsync(cancellationToken)) return;

        logger.LogInformation("Base de données vide : application de la recette nationale.");
        try
        {
            await recipes.ApplyFileAsync(RecipeRunner.NationalRecipe, targetSectionId: null, cancellationToken);
        }
        catch (RecipeException)
        {
            // Several instances started on the same empty database: fine if another one applied it first.
            if (await recipes.IsFirstStartAsync(cancellationToken)) throw;
            logger.LogInformation("La recette nationale a été appliquée par une autre instance.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
