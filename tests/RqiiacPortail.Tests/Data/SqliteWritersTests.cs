using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;

namespace RqiiacPortail.Tests.Data;

/// <summary>
/// SQLite's one writer at a time: every connection waits in SQLite itself when the file is busy (not the driver's
/// 150 ms sleeps), commits without waiting for the disk in WAL mode, and units of work of the process take turns.
/// </summary>
public sealed class SqliteWritersTests(SqlitePortalFactory factory) : IClassFixture<SqlitePortalFactory>
{
    [Fact]
    public async Task EveryConnection_WaitsInSQLite_AndCommitsWithoutWaitingForTheDisk()
    {
        // Asked of a connection EF opened, as every query's is.
        await using var scope = factory.Started().Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.OpenConnectionAsync();
        async Task<string> PragmaAsync(string name)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        Assert.Equal("30000", await PragmaAsync("busy_timeout"));
        Assert.Equal("1", await PragmaAsync("synchronous")); // NORMAL
        Assert.Equal("wal", await PragmaAsync("journal_mode"));
    }

    [Fact]
    public async Task ManyUnitsOfWorkAtOnce_AllCommit_OneAfterTheOther()
    {
        var marker = Guid.NewGuid().ToString("N");
        var inside = 0;
        var most = 0;
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            await using var scope = factory.Started().Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.InTransactionAsync(async tx =>
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                db.Add(new OutboxEvent { Type = "Essai", Handler = "Aucun", Payload = $"{marker}-{i}", CreatedAt = DateTimeOffset.UtcNow,
                    NextAttemptAt = DateTimeOffset.UtcNow.AddYears(1), Abandoned = true });
                await db.SaveChangesAsync();
                await Task.Delay(2);
                Interlocked.Decrement(ref inside);
                await tx.CommitAsync();
            }, default);
        }));

        Assert.Equal(40, await factory.WithDbAsync(db => db.Set<OutboxEvent>().CountAsync(e => e.Payload.StartsWith(marker))));
        Assert.Equal(1, most);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
