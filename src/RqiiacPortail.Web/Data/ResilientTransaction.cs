using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace RqiiacPortail.Web.Data;

/// <summary>
/// A unit of work in one explicit transaction, run inside the provider's execution strategy (eShop's
/// <c>ResilientTransaction</c>): with retries on, a transient failure runs the whole unit again rather than
/// EF refusing a transaction the strategy does not own. The work commits itself; leaving without committing
/// rolls back. Inside a transaction the caller already opened, the work joins it: its commit is then the
/// owner's to make (the work's is a no-op), its rollback still undoes the whole. On SQLite, units of work take turns
/// (<see cref="SqliteWriteGate"/>).
/// </summary>
public static class ResilientTransaction
{
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<IDbContextTransaction, Task<T>> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } current) return work(new Joined(current));
        var attempt = 0;
        return SqliteWriteGate.RunAsync(db, () => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // A retry starts from what the database holds, not from what the failed attempt left tracked.
            if (attempt++ > 0) db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            return await work(tx);
        }), ct);
    }

    public static Task InTransactionAsync(this DbContext db, Func<IDbContextTransaction, Task> work, CancellationToken ct) =>
        db.InTransactionAsync(async tx => { await work(tx); return true; }, ct);

    private sealed class Joined(IDbContextTransaction owner) : IDbContextTransaction
    {
        public Guid TransactionId => owner.TransactionId;
        public void Commit() { }
        public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public void Rollback() => owner.Rollback();
        public Task RollbackAsync(CancellationToken cancellationToken = default) => owner.RollbackAsync(cancellationToken);
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
