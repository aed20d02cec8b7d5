using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace RqiiacPortail.Web.Data;

/// <summary>
/// SQLite takes one writer at a time, and a transaction here is a writer from its first statement (Microsoft.Data.Sqlite
/// begins them <c>IMMEDIATE</c>). Left to the driver, the ones that find the lock taken sleep 150 ms and try again, so
/// a burst of registrations for one event queued behind sleeps rather than behind work (44 a second at 64 clients).
/// Units of work of one process therefore wait their turn here, first come first served, one gate per database file;
/// the driver's retry remains for other processes (the site's commands) and writes outside a unit of work.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // A unit of work that opens another (a second context in the same flow) already holds the gate: it must not wait for itself.
    private static readonly AsyncLocal<bool> Held = new();

    public static async Task<T> RunAsync<T>(DbContext db, Func<Task<T>> work, CancellationToken ct)
    {
        if (Held.Value || !db.Database.IsSqlite()) return await work();
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            Held.Value = true;
            return await work();
        }
        finally
        {
            Held.Value = false;
            gate.Release();
        }
    }
}
