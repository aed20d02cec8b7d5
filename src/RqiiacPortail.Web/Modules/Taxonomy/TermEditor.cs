using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Taxonomy;

/// <summary>What a change to the vocabularies came to: done, nothing by that id, or refused with a French reason.</summary>
public sealed record TermChange(bool Found, string? Refusal = null)
{
    public static readonly TermChange Done = new(true), Missing = new(false);

    public static TermChange Refused(string reason) => new(true, reason);
}

/// <summary>
/// The rules for changing terms, in one place for the administration page (and whatever comes next): a term keeps
/// its id and slug when renamed, two terms of a vocabulary never share a slug, a term still describing content
/// is not removed.
/// </summary>
public sealed class TermEditor(PortalDbContext db, IEnumerable<ITermUsage> usages)
{
    public const int MaxNameLength = 200;

    /// <summary>The name trimmed, or the French reason it cannot be one.</summary>
    public static (string? Name, string? Refusal) CheckName(string? name)
    {
        var clean = name?.Trim() ?? "";
        if (clean.Length == 0) return (null, "Indiquez le nom du terme.");
        if (clean.Length > MaxNameLength) return (null, $"Le nom d'un terme compte au plus {MaxNameLength} caractères.");
        if (Slug.From(clean).Length == 0) return (null, "Le nom d'un terme doit contenir au moins une lettre ou un chiffre.");
        return (clean, null);
    }

    public async Task<TermChange> AddAsync(string? vocabulary, string? name, CancellationToken ct)
    {
        var target = await db.Set<Vocabulary>().Include(v => v.Terms).FirstOrDefaultAsync(v => v.Key == vocabulary, ct);
        if (target is null) return TermChange.Refused("Ce vocabulaire n'existe pas.");
        var (clean, refusal) = CheckName(name);
        if (refusal is not null) return TermChange.Refused(refusal);
        var slug = Slug.From(clean!);
        var taken = $"« {clean} » existe déjà dans « {target.Name} ».";
        if (target.Terms.Any(t => t.Slug == slug)) return TermChange.Refused(taken);

        target.Terms.Add(new Term { Name = clean!, Slug = slug, Order = target.Terms.Count });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Added at the same moment by another administrator: the unique index kept one.
            db.ChangeTracker.Clear();
            return TermChange.Refused(taken);
        }
        return TermChange.Done;
    }

    public async Task<TermChange> RenameAsync(int term, string? name, CancellationToken ct)
    {
        var target = await db.Set<Term>().FirstOrDefaultAsync(t => t.Id == term, ct);
        if (target is null) return TermChange.Missing;
        var (clean, refusal) = CheckName(name);
        if (refusal is not null) return TermChange.Refused(refusal);
        target.Name = clean!;
        await db.SaveChangesAsync(ct);
        return TermChange.Done;
    }

    public async Task<TermChange> RemoveAsync(int term, CancellationToken ct)
    {
        var target = await db.Set<Term>().FirstOrDefaultAsync(t => t.Id == term, ct);
        if (target is null) return TermChange.Missing;
        var uses = new List<string>();
        foreach (var usage in usages)
            if (await usage.CountAsync(target.Id, ct) is var count and > 0) uses.Add($"{usage.Label} : {count}");
        if (uses.Count > 0)
            return TermChange.Refused($"« {target.Name} » décrit encore des contenus ({string.Join(", ", uses)}) : renommez-le plutôt, ou retirez-le d'abord de ces contenus.");
        db.Remove(target);
        await db.SaveChangesAsync(ct);
        return TermChange.Done;
    }

    /// <summary>Moves a term one place up (« haut ») or down (« bas ») in its vocabulary.</summary>
    public async Task<TermChange> MoveAsync(int term, string? direction, CancellationToken ct)
    {
        var target = await db.Set<Term>().FirstOrDefaultAsync(t => t.Id == term, ct);
        if (target is null) return TermChange.Missing;
        if (direction is not ("haut" or "bas")) return TermChange.Refused("Sens inconnu.");
        var up = direction == "haut";
        // Renumbered from the current order, so that equal or missing numbers from old recipes sort themselves out.
        var siblings = await db.Set<Term>().Where(t => t.VocabularyId == target.VocabularyId).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var at = siblings.IndexOf(target);
        var to = up ? at - 1 : at + 1;
        if (to >= 0 && to < siblings.Count) (siblings[at], siblings[to]) = (siblings[to], siblings[at]);
        for (var i = 0; i < siblings.Count; i++) siblings[i].Order = i;
        await db.SaveChangesAsync(ct);
        return TermChange.Done;
    }
}
