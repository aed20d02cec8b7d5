using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>What an administrator or a section's coordination asks of a category.</summary>
public sealed record CategoryChange(string? Name, string? Slug, string? Description, CategoryAccess Access, bool AllowsPseudonyms, bool BoardOnly);

/// <summary>A change done, or refused with the field it concerns (null: the whole form) and a French reason.</summary>
public sealed record CategoryResult(string? Field = null, string? Refusal = null)
{
    public static readonly CategoryResult Done = new();

    public bool Succeeded => Refusal is null;
}

/// <summary>
/// The rules for a section's categories, in one place. A category keeps its slug once created (links in e-mails,
/// bookmarks and the search index name it); a region's slug starts with the region's own, so that two regions may
/// both have an « entraide ». Pseudonyms and board-only posting are network decisions: administrators set them, a
/// section's coordination keeps what they set. A change of access re-indexes the category's threads, since the
/// search index applies the category's access to them.
/// </summary>
public sealed class ForumCategoryEditor(PortalDbContext db, IAuthorizationService authorization, ISectionLookup sections, IIndexQueue index, AuditLog audit, ForumLive live)
{
    public const int MaxName = 100, MaxSlug = 60, MaxDescription = 500, MaxFirstPostsToModerate = 20;
    private const string AuditArea = "forum";

    /// <summary>The sections whose categories <paramref name="user"/> manages, national first.</summary>
    public async Task<IReadOnlyList<SectionInfo>> SectionsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var managed = new List<SectionInfo>();
        foreach (var section in await sections.AllAsync(ct))
            if (await authorization.CanAsync(user, ForumPermissions.ManageCategories, section.Id)) managed.Add(section);
        return managed;
    }

    public Task<bool> CanManageAsync(ClaimsPrincipal user, int sectionId) => authorization.CanAsync(user, ForumPermissions.ManageCategories, sectionId);

    /// <summary>Administrators decide pseudonyms and board-only posting (the network's rules, not a region's).</summary>
    public Task<bool> SetsNetworkRulesAsync(ClaimsPrincipal user) => authorization.CanAsync(user, ForumPermissions.ManageCategories, int.MinValue);

    public async Task<IReadOnlyList<(ForumCategory Category, int Threads)>> CategoriesAsync(int sectionId, CancellationToken ct)
    {
        var categories = await db.Set<ForumCategory>().AcrossSections().AsNoTracking().Where(c => c.SectionId == sectionId)
            .OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(ct);
        var ids = categories.Select(c => c.Id).ToList();
        var counts = await db.Set<ForumThread>().AcrossSections().Where(t => ids.Contains(t.CategoryId))
            .GroupBy(t => t.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return categories.Select(c => (c, counts.GetValueOrDefault(c.Id))).ToList();
    }

    public Task<ForumCategory?> FindAsync(int id, CancellationToken ct) =>
        db.Set<ForumCategory>().AcrossSections().FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<int> FirstPostsToModerateAsync(int sectionId, CancellationToken ct) =>
        await db.Set<ForumSectionSettings>().Where(s => s.SectionId == sectionId).Select(s => (int?)s.FirstPostsToModerate).FirstOrDefaultAsync(ct)
            ?? ForumSectionSettings.DefaultFirstPostsToModerate;

    /// <summary>
    /// The slug a new category of <paramref name="section"/> gets: typed or drawn from its name, prefixed by a
    /// region's; empty when neither holds a letter or a digit (a region's prefix alone is no address).
    /// </summary>
    public static string SlugFor(SectionInfo section, string? typed, string name)
    {
        var slug = Slug.From(string.IsNullOrWhiteSpace(typed) ? name : typed);
        if (slug.Length == 0 || section.IsNational || slug.StartsWith($"{section.Slug}-", StringComparison.Ordinal)) return slug;
        return slug == section.Slug ? "" : $"{section.Slug}-{slug}";
    }

    public async Task<CategoryResult> AddAsync(ClaimsPrincipal actor, SectionInfo section, CategoryChange change, CancellationToken ct)
    {
        if (Check(change) is { } refused) return refused;
        var name = change.Name!.Trim();
        var slug = SlugFor(section, change.Slug, name);
        if (slug.Length == 0) return new("Slug", "L'adresse doit contenir au moins une lettre ou un chiffre.");
        if (slug.Length > MaxSlug) return new("Slug", $"L'adresse « {slug} » dépasse {MaxSlug} caractères : choisissez-en une plus courte.");
        if (ForumRecipeStep.ReservedSlugs.Contains(slug)) return new("Slug", $"« {slug} » est un mot réservé des adresses du forum : choisissez-en un autre.");
        var taken = new CategoryResult("Slug", $"L'adresse « {slug} » est déjà celle d'une autre catégorie du réseau.");
        if (await db.Set<ForumCategory>().AcrossSections().AnyAsync(c => c.Slug == slug, ct)) return taken;

        var network = await SetsNetworkRulesAsync(actor);
        var position = await db.Set<ForumCategory>().AcrossSections().Where(c => c.SectionId == section.Id).MaxAsync(c => (int?)c.Position, ct) ?? -1;
        var category = new ForumCategory
        {
            SectionId = section.Id, Slug = slug, Name = name, Description = Clean(change.Description), Access = change.Access, Position = position + 1,
            AllowsPseudonyms = network && change.AllowsPseudonyms, BoardOnly = network && change.BoardOnly,
        };
        db.Add(category);
        audit.Write(actor, new AuditRecord(AuditArea, "categorie-creer", $"Catégorie « {name} » créée ({AccessLabel(change.Access)})", SectionId: section.Id, Link: $"/forum/{slug}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Created at the same moment by someone else: the unique index on the slug kept theirs.
            db.ChangeTracker.Clear();
            return taken;
        }
        return CategoryResult.Done;
    }

    public async Task<CategoryResult> UpdateAsync(ClaimsPrincipal actor, ForumCategory category, CategoryChange change, CancellationToken ct)
    {
        if (Check(change) is { } refused) return refused;
        var accessChanged = category.Access != change.Access;
        var readers = ForumHub.CategoryGroup(category);
        category.Name = change.Name!.Trim();
        category.Description = Clean(change.Description);
        category.Access = change.Access;
        if (await SetsNetworkRulesAsync(actor))
        {
            category.AllowsPseudonyms = change.AllowsPseudonyms;
            category.BoardOnly = change.BoardOnly;
        }
        if (accessChanged)
        {
            // The index holds the category's access on each thread's document: every thread is written again.
            var threads = await db.Set<ForumThread>().AcrossSections().Where(t => t.CategoryId == category.Id).Select(t => t.Id).ToListAsync(ct);
            foreach (var thread in threads) index.Enqueue(ForumService.SearchType, ForumService.Key(thread));
        }
        audit.Write(actor, new AuditRecord(AuditArea, "categorie-modifier",
            $"Catégorie « {category.Name} » modifiée{(accessChanged ? $" (désormais {AccessLabel(change.Access)})" : "")}", SectionId: category.SectionId, Link: $"/forum/{category.Slug}"));
        await db.SaveChangesAsync(ct);
        // The threads' pushes now go to groups under the new access; their open pages join again, and are checked.
        if (accessChanged) await live.ReadAgainAsync([readers], ct);
        return CategoryResult.Done;
    }

    /// <summary>Removes a category that holds no thread (its follows go with it); one with threads: move them first.</summary>
    public async Task<CategoryResult> RemoveAsync(ClaimsPrincipal actor, ForumCategory category, CancellationToken ct)
    {
        var threads = await db.Set<ForumThread>().AcrossSections().CountAsync(t => t.CategoryId == category.Id, ct);
        if (threads > 0)
            return new(null, $"« {category.Name} » contient {FrenchText.Count(threads, "sujet")} : déplacez-les d'abord vers une autre catégorie depuis la modération.");
        db.Remove(category);
        audit.Write(actor, new AuditRecord(AuditArea, "categorie-retirer", $"Catégorie « {category.Name} » retirée", SectionId: category.SectionId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A thread was started in it meanwhile: its foreign key kept the category.
            db.ChangeTracker.Clear();
            return new(null, $"Un sujet vient d'être ouvert dans « {category.Name} » : elle est gardée.");
        }
        return CategoryResult.Done;
    }

    /// <summary>Swaps a category with its neighbour above (<paramref name="up"/>) or below in its section's order.</summary>
    public async Task MoveAsync(ForumCategory category, bool up, CancellationToken ct)
    {
        var siblings = await db.Set<ForumCategory>().AcrossSections().Where(c => c.SectionId == category.SectionId)
            .OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync(ct);
        var at = siblings.FindIndex(c => c.Id == category.Id);
        var other = up ? at - 1 : at + 1;
        if (at < 0 || other < 0 || other >= siblings.Count) return;
        (siblings[at], siblings[other]) = (siblings[other], siblings[at]);
        // Positions are renumbered in order: recipes and older rows may share one.
        for (var i = 0; i < siblings.Count; i++) siblings[i].Position = i;
        await db.SaveChangesAsync(ct);
    }

    public async Task<CategoryResult> SetFirstPostsToModerateAsync(ClaimsPrincipal actor, int sectionId, int count, CancellationToken ct)
    {
        if (count is < 0 or > MaxFirstPostsToModerate)
            return new("FirstPostsToModerate", $"Indiquez un nombre de 0 à {MaxFirstPostsToModerate}.");
        var settings = await db.Set<ForumSectionSettings>().FirstOrDefaultAsync(s => s.SectionId == sectionId, ct);
        if (settings?.FirstPostsToModerate == count) return CategoryResult.Done;
        if (settings is null) db.Add(new ForumSectionSettings { SectionId = sectionId, FirstPostsToModerate = count });
        else settings.FirstPostsToModerate = count;
        audit.Write(actor, new AuditRecord(AuditArea, "premoderation", $"Premiers messages à approuver d'un nouveau membre : {count}", SectionId: sectionId));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (settings is null)
        {
            // Two first saves at once: the other made the row; this one's number goes on it.
            db.ChangeTracker.Clear();
            await db.Set<ForumSectionSettings>().Where(s => s.SectionId == sectionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.FirstPostsToModerate, count), ct);
        }
        return CategoryResult.Done;
    }

    public static string AccessLabel(CategoryAccess access) => access switch
    {
        CategoryAccess.Public => "lisible par tous",
        CategoryAccess.Members => "réservée aux membres",
        _ => "réservée aux membres de la section",
    };

    private static CategoryResult? Check(CategoryChange change)
    {
        var name = change.Name?.Trim() ?? "";
        if (name.Length == 0) return new("Name", "Indiquez le nom de la catégorie.");
        if (name.Length > MaxName) return new("Name", $"Le nom compte au plus {MaxName} caractères.");
        if (name.Contains('\n') || name.Contains('\r')) return new("Name", "Le nom tient sur une ligne.");
        if ((change.Description?.Trim().Length ?? 0) > MaxDescription) return new("Description", $"La description compte au plus {MaxDescription} caractères.");
        if (!Enum.IsDefined(change.Access)) return new("Access", "Choisissez qui peut lire la catégorie.");
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
