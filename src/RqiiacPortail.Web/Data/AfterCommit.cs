using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RqiiacPortail.Web.Data;

/// <summary>
/// Runs what must follow a commit (waking an outbox's processor) once the unit of work is committed: after the
/// save when it has no transaction of its own (the save commits), after the transaction's commit otherwise, never
/// after a rollback. EF's <c>SavedChanges</c> event fires before an explicit transaction commits: a processor woken
/// there looks, finds nothing yet, and sleeps a whole poll.
/// </summary>
public sealed class AfterCommit : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action>> _pending = new();

    /// <summary>Runs <paramref name="action"/> once this context's next save is committed.</summary>
    public void Run(DbContext db, Action action)
    {
        var pending = _pending.GetOrCreateValue(db);
        lock (pending) pending.Add(action);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null) Flush(db);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null) Flush(db);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) Flush(db);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) Flush(db);
    }

    // Rolled back: what was to follow it never happened (a retried unit of work asks again as it runs again).
    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        if (eventData.Context is { } db) _pending.Remove(db);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db) _pending.Remove(db);
    }

    private void Flush(DbContext db)
    {
        if (!_pending.TryGetValue(db, out var pending)) return;
        Action[] actions;
        lock (pending)
        {
            actions = [.. pending];
            pending.Clear();
        }
        foreach (var action in actions) action();
    }
}
