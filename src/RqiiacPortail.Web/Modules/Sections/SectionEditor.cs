using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>
/// Sections as administrators see and change them: read from the database (not the cache, so a change shows at
/// once), saved with the cache invalidated, and created with everything their recipe sets up as one change (a
/// failing recipe leaves no half-made section). The rules are <see cref="SectionRules"/>'s, the same a recipe's
/// « sections » step obeys.
/// </summary>
public sealed class SectionEditor(PortalDbContext db, RecipeRunner recipes, ReservedSlugs reserved)
{
    public async Task<IReadOnlyList<SectionInfo>> AllAsync(CancellationToken ct) =>
        (await db.Set<Section>().AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct)).Select(s => s.ToInfo()).ToList();

    /// <summary>The section to change, tracked: <see cref="SaveAsync"/> writes what the caller changed on it.</summary>
    public Task<Section?> FindAsync(int id, CancellationToken ct) => db.Set<Section>().FirstOrDefaultAsync(s => s.Id == id, ct);

    public async Task SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A refusal names the form field it is about (<c>Code</c>, <c>Slug</c> or <c>Recipe</c>).</summary>
    public sealed record Outcome(Section? Created, string? Field = null, string? Refusal = null);

    public async Task<Outcome> CreateAsync(string code, string name, string slug, string recipe, CancellationToken ct)
    {
        if (SectionRules.CheckCode(code) is { } codeError) return new(null, "Code", codeError);
        if (SectionRules.CheckSlug(slug, reserved) is { } slugError) return new(null, "Slug", slugError);
        if (!recipes.SectionRecipes().Any(r => r.FileName == recipe)) return new(null, "Recipe", "Choisissez une recette de la liste.");
        if (await db.Set<Section>().AnyAsync(s => s.Code == code, ct)) return new(null, "Code", "Une section porte déjà ce code.");
        if (await db.Set<Section>().AnyAsync(s => s.Slug == slug, ct)) return new(null, "Slug", $"L'adresse /{slug}/ est déjà prise.");

        try
        {
            var outcome = await db.InTransactionAsync(async tx =>
            {
                var created = new Section { Code = code, Name = name, Slug = slug };
                db.Add(created);
                await db.SaveChangesAsync(ct);
                try
                {
                    await recipes.ApplyFileAsync(recipe, created.Id, ct);
                }
                catch (RecipeException e)
                {
                    await tx.RollbackAsync(CancellationToken.None);
                    return new Outcome(null, "Recipe", e.Message);
                }
                await tx.CommitAsync(ct);
                return new Outcome(created);
            }, ct);
            if (outcome.Created is null) db.ChangeTracker.Clear();
            return outcome;
        }
        catch (DbUpdateException)
        {
            // Created at the same moment by another administrator: the unique indexes kept one.
            db.ChangeTracker.Clear();
            return new(null, "Code", "Une section porte déjà ce code ou cette adresse.");
        }
    }
}
