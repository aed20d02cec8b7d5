using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Recipes;

/// <summary>
/// Applies recipe files: every step runs in one database transaction, so a recipe either applies whole or
/// changes nothing.
/// </summary>
public sealed class RecipeRunner(
    PortalDbContext db,
    IEnumerable<IRecipeStep> steps,
    IOptions<PortalOptions> options,
    TimeProvider clock,
    ILogger<RecipeRunner> logger)
{
    public const string NationalRecipe = "national.recipe.json";
    public const string RegionRecipe = "region.recipe.json";

    private readonly Dictionary<string, IRecipeStep> _steps = steps.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>True until a recipe has been applied to this database.</summary>
    public async Task<bool> IsFirstStartAsync(CancellationToken ct) => !await db.Set<RecipeRun>().AnyAsync(ct);

    /// <summary>The recipes shipped with the host that can set up a new section.</summary>
    public IReadOnlyList<RecipeDescriptor> SectionRecipes() =>
        Directory.Exists(options.Value.RecipesPath)
            ? Directory.EnumerateFiles(options.Value.RecipesPath, "*.recipe.json")
                .Select(Describe).OfType<RecipeDescriptor>().Where(r => r.Target == "section")
                .OrderBy(r => r.FileName, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Applies a file named relative to the recipes folder, or by its own path.</summary>
    public async Task ApplyFileAsync(string file, int? targetSectionId, CancellationToken ct)
    {
        var path = File.Exists(file) ? file : Path.Combine(options.Value.RecipesPath, file);
        if (!File.Exists(path)) throw new RecipeException($"Recette introuvable : {file}.");
        await ApplyAsync(await File.ReadAllTextAsync(path, ct), Path.GetFileName(path), targetSectionId, ct);
    }

    public async Task ApplyAsync(string json, string source, int? targetSectionId, CancellationToken ct)
    {
        var (name, target, stepElements) = Parse(json, source);
        if (target == "section" && targetSectionId is null)
            throw new RecipeException($"La recette « {name} » s'applique à une section : indiquez laquelle.");

        // Join a transaction the caller opened (creating a section and applying its recipe are one change).
        var joined = db.Database.CurrentTransaction is not null;
        try
        {
            await db.InTransactionAsync(async tx =>
            {
                for (var i = 0; i < stepElements.Count; i++)
                {
                    var element = stepElements[i];
                    var stepName = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                        ? n.GetString()!
                        : throw new RecipeException($"Étape {i + 1} : le champ « name » est requis.");
                    var label = $"Étape {i + 1} « {stepName} »";
                    if (!_steps.TryGetValue(stepName, out var step))
                        throw new RecipeException($"{label} : type d'étape inconnu. Types connus : {string.Join(", ", _steps.Keys.Order())}.");

                    try
                    {
                        await step.ExecuteAsync(new RecipeStepContext(new RecipeReader(element, label, ""), targetSectionId), ct);
                        await db.SaveChangesAsync(ct);
                    }
                    catch (DbUpdateException e)
                    {
                        throw new RecipeException($"{label} : la base de données a refusé les changements ({e.InnerException?.Message ?? e.Message}).", e);
                    }
                }

                db.Add(new RecipeRun { Name = name, Source = source, TargetSectionId = targetSectionId, AppliedAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(ct);
                if (!joined) await tx.CommitAsync(ct);
            }, ct);
            logger.LogInformation("Recette {Recipe} appliquée ({Steps} étapes).", name, stepElements.Count);
        }
        catch
        {
            // Leaving the unit of work without committing rolled it back; a caller's transaction is the caller's.
            db.ChangeTracker.Clear();
            throw;
        }
    }

    private static (string Name, string Target, List<JsonElement> Steps) Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RecipeException($"{source} n'est pas un JSON valide (ligne {e.LineNumber + 1}) : {e.Message}");
        }
        var root = doc.RootElement;
        var reader = new RecipeReader(root, source, "");
        var name = reader.String("name", 100);
        var target = reader.OptionalString("target", 20) ?? "site";
        if (target is not ("site" or "section")) throw reader.Fail("target", "« site » ou « section » est attendu.");
        var steps = reader.Array("steps").Select(s => s.Element.Clone()).ToList();
        return (name, target, steps);
    }

    private static RecipeDescriptor? Describe(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            var root = doc.RootElement;
            return new RecipeDescriptor(
                Path.GetFileName(path),
                root.TryGetProperty("displayName", out var d) ? d.GetString() ?? "" : Path.GetFileName(path),
                root.TryGetProperty("target", out var t) ? t.GetString() ?? "site" : "site");
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record RecipeDescriptor(string FileName, string DisplayName, string Target);
