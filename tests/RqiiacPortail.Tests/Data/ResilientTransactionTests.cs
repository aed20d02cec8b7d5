using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;

namespace RqiiacPortail.Tests.Data;

/// <summary>
/// Units of work run inside the execution strategy (retries on with PostgreSQL in these tests) and nest: a unit
/// inside a caller's transaction leaves the commit to the caller, so the caller's rollback undoes it too.
/// </summary>
public abstract class ResilientTransactionTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static OutboxEvent Row(string marker) => new()
    {
        Type = "Essai", Handler = "Aucun", Payload = marker, CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddYears(1), Abandoned = true,
    };

    [Fact]
    public async Task AUnitInsideAnother_CommitsOnlyWithTheOuterOne()
    {
        var marker = Guid.NewGuid().ToString("N");
        await using (var scope = factory.Started().Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.InTransactionAsync(async outer =>
            {
                await db.InTransactionAsync(async inner =>
                {
                    db.Add(Row(marker));
                    await db.SaveChangesAsync();
                    await inner.CommitAsync();
                }, default);
                // The inner commit did not end the outer transaction: rolling back undoes the inner work.
                await outer.RollbackAsync();
            }, default);
        }
        Assert.False(await factory.WithDbAsync(db => db.Set<OutboxEvent>().AnyAsync(e => e.Payload == marker)));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await db.InTransactionAsync(async tx =>
            {
                db.Add(Row(marker));
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }, default);
        }
        Assert.True(await factory.WithDbAsync(db => db.Set<OutboxEvent>().AnyAsync(e => e.Payload == marker)));
    }
}

public sealed class SqliteResilientTransactionTests(SqlitePortalFactory factory) : ResilientTransactionTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresResilientTransactionTests(PostgresPortalFactory factory) : ResilientTransactionTests<PostgresPortalFactory>(factory);
