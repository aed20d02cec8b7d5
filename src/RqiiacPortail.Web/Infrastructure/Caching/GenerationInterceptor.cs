using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// Moves the cache areas a save touched, once the change is committed and not before: moved inside the
/// transaction, another request could make a fresh copy of the old rows under the new number and keep it.
/// Changes the context does not track (ExecuteDelete) are declared with <see cref="Touch"/>.
/// </summary>
public sealed class GenerationInterceptor(IEnumerable<CacheArea> areas, ContentGenerations generations) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly CacheArea[] _areas = areas.ToArray();
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = new();

    /// <summary>
    /// This context's unit of work changes <paramref name="area"/> (<paramref name="owner"/>'s part of it, for a
    /// personal area) in a way its change tracker cannot see: moved when the unit's transaction commits.
    /// </summary>
    public void Touch(DbContext db, string area, string? owner = null)
    {
        var pending = _pending.GetOrCreateValue(db);
        lock (pending) pending.Add(owner is null ? area : CacheArea.PersonalKey(area, owner));
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        // Saved outside any transaction of the caller's: it is committed already.
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null) await FlushAsync(db);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null) FlushAsync(db).GetAwaiter().GetResult();
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) await FlushAsync(db);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) FlushAsync(db).GetAwaiter().GetResult();
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) _pending.Remove(db);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) _pending.Remove(db);
    }

    private void Collect(DbContext? db)
    {
        if (db is null) return;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            foreach (var area in _areas)
                if (area.IsChangedBy(entry))
                {
                    if (!area.IsPersonal) Touch(db, area.Name);
                    else if (area.OwnerOf!(entry) is { } owner) Touch(db, area.Name, owner);
                }
        }
    }

    private async Task FlushAsync(DbContext db)
    {
        if (!_pending.TryGetValue(db, out var pending)) return;
        string[] areas;
        lock (pending)
        {
            areas = [.. pending];
            pending.Clear();
        }
        if (areas.Length > 0) await generations.BumpAsync(areas);
    }
}
