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

    /// <summary>The step that runs other recipes (the modules' parts) by name, as Orchard Core's « recipes » step does.</summary>
    public const string PartsStep = "recipes";
    public const string PartsFolder = "parts";
    private const int MaxPartDepth = 4;

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
                await RunStepsAsync(stepElements, source, targetSectionId, 0, ct);
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

    /// <summary>
    /// Runs steps in order. A « recipes » step runs other recipes' steps in place, by name: each module keeps its
    /// own part (the forum its sample categories and threads) in its folder, shipped as recipes/parts/NAME.recipe.json,
    /// and a site recipe is the list of parts it takes. Parts may include parts, a few levels deep, never in a loop.
    /// </summary>
    private async Task RunStepsAsync(List<JsonElement> stepElements, string source, int? targetSectionId, int depth, CancellationToken ct)
    {
        for (var i = 0; i < stepElements.Count; i++)
        {
            var element = stepElements[i];
            var stepName = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : throw new RecipeException($"{(depth == 0 ? "Étape" : source + ", étape")} {i + 1} : le champ « name » est requis.");
            var label = depth == 0 ? $"Étape {i + 1} « {stepName} »" : $"{source}, étape {i + 1} « {stepName} »";
            if (stepName == PartsStep)
            {
                foreach (var part in new RecipeReader(element, label, "").Strings("values", 100))
                    await RunPartAsync(part, label, targetSectionId, depth + 1, ct);
                continue;
            }
            if (!_steps.TryGetValue(stepName, out var step))
                throw new RecipeException($"{label} : type d'étape inconnu. Types connus : {string.Join(", ", _steps.Keys.Append(PartsStep).Order())}.");

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
    }

    private async Task RunPartAsync(string part, string label, int? targetSectionId, int depth, CancellationToken ct)
    {
        if (depth > MaxPartDepth) throw new RecipeException($"{label} : les parties s'incluent trop profondément (au plus {MaxPartDepth} niveaux ; une partie s'inclut-elle elle-même ?).");
        // A name, not a path: a part is one of those the modules ship.
        if (part.Length == 0 || part.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            throw new RecipeException($"{label} : « {part} » n'est pas un nom de partie (lettres minuscules, chiffres et traits d'union).");
        var path = Path.Combine(options.Value.RecipesPath, PartsFolder, part + ".recipe.json");
        if (!File.Exists(path)) throw new RecipeException($"{label} : la partie « {part} » est introuvable.");
        var (_, target, steps) = Parse(await File.ReadAllTextAsync(path, ct), part + ".recipe.json");
        if (target == "section" && targetSectionId is null) throw new RecipeException($"{label} : la partie « {part} » s'applique à une section.");
        await RunStepsAsync(steps, part, targetSectionId, depth, ct);
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
