using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RqiiacPortail.Web.Data;

/// <summary>
/// SQLite's own wait for a busy database, set on every connection as it opens: a writer that finds the lock taken
/// waits in SQLite (which retries within a millisecond or two at first) instead of the driver's fixed 150 ms sleep.
/// That sleep, met by a unit of work holding <see cref="SqliteWriteGate"/> behind a background job's single update,
/// held every other writer for its whole length.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
