using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

/// <summary>
/// Sections as administrators see and change them: read from the database (not the cache, so a change shows at
/// once), saved with the cache invalidated, and created with everything their recipe sets up as one change (a
/// failing recipe leaves no half-made section). The rules are <see cref="SectionRules"/>'s, the same a recipe's
/// « sections » step obeys.
/// </summary>
public sealed class SectionEditor(PortalDbContext db, RecipeRunner recipes, ReservedSlugs reserved, IAuthorizationService authorization, IEnumerable<SectionFeature> features)
{
    public async Task<IReadOnlyList<SectionInfo>> AllAsync(CancellationToken ct) =>
        (await db.Set<Section>().AsNoTracking().OrderBy(s => s.Code).ToListAsync(ct)).Select(s => s.ToInfo()).ToList();

    /// <summary>The section to change, tracked: <see cref="SaveAsync"/> writes what the caller changed on it.</summary>
    public Task<Section?> FindAsync(int id, CancellationToken ct) => db.Set<Section>().FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>What a section's settings form asks; null fields are those the person may not change.</summary>
    public sealed record SettingsChange(string? Name, string? HostNames, string? Description, string? AccentColor, IReadOnlyList<string> Modules, bool Active);

    /// <summary>What a person may change of a section: administrators everything; its coordination its presentation (text and colour).</summary>
    public enum Reach { None, Presentation, Everything }

    public async Task<Reach> ReachAsync(ClaimsPrincipal user, int sectionId) =>
        await authorization.CanAsync(user, SectionsPermissions.Manage) ? Reach.Everything
        : await authorization.CanAsync(user, SectionsPermissions.EditOwn, sectionId) ? Reach.Presentation
        : Reach.None;

    /// <summary>What is wrong with a change within <paramref name="reach"/> (nothing: it can be saved).</summary>
    public IReadOnlyList<Refusal> Check(SettingsChange change, Reach reach)
    {
        var refusals = new List<Refusal>();
        // No colour at all keeps the one saved (the form says it is required).
        if (change.AccentColor is not null && SectionRules.CheckAccentColour(change.AccentColor.Trim()) is { } colourError) refusals.Add(new("AccentColor", colourError));
        if (reach == Reach.Everything)
        {
            if (string.IsNullOrWhiteSpace(change.Name)) refusals.Add(new("Name", "Indiquez le nom de la section."));
            refusals.AddRange(HostNames(change).Select(SectionRules.CheckHostName).OfType<string>().Select(e => new Refusal("HostNames", e)));
            var unknown = change.Modules.Where(m => !features.Any(f => f.Key == m)).ToList();
            if (unknown.Count > 0) refusals.Add(Refusal.OfForm($"Module inconnu : {string.Join(", ", unknown)}."));
        }
        return refusals;
    }

    /// <summary>Checks and saves a change to <paramref name="section"/> (tracked, from <see cref="FindAsync"/>) within <paramref name="reach"/>.</summary>
    public async Task<IReadOnlyList<Refusal>> ChangeAsync(Section section, SettingsChange change, Reach reach, CancellationToken ct)
    {
        if (reach == Reach.None) throw new InvalidOperationException("Not this person's section to change.");
        var refusals = Check(change, reach);
        if (refusals.Count > 0) return refusals;

        section.Description = string.IsNullOrWhiteSpace(change.Description) ? null : change.Description.Trim();
        section.AccentColor = change.AccentColor?.Trim().ToLowerInvariant() ?? section.AccentColor;
        if (reach == Reach.Everything)
        {
            section.Name = change.Name!.Trim();
            section.HostNames = HostNames(change);
            section.EnabledModules = change.Modules.Distinct().ToList();
            // The national section is the site itself: it cannot be switched off.
            if (!section.IsNational) section.IsActive = change.Active;
        }
        await db.SaveChangesAsync(ct);
        return refusals;
    }

    private static List<string> HostNames(SettingsChange change) =>
        (change.HostNames ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => h.ToLowerInvariant()).Distinct().ToList();

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
