using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Search;

namespace RqiiacPortail.Tests.Data;

/// <summary>
/// What follows a commit (an outbox's wake-up) runs once the unit of work is committed: not at the save inside a
/// transaction (the processor would look before the rows are visible and sleep a whole poll), never after a rollback.
/// </summary>
public abstract class AfterCommitTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<(AsyncServiceScope Scope, PortalDbContext Db, AfterCommit AfterCommit)> UnitAsync()
    {
        var scope = factory.Started().Services.CreateAsyncScope();
        return (scope, scope.ServiceProvider.GetRequiredService<PortalDbContext>(), scope.ServiceProvider.GetRequiredService<AfterCommit>());
    }

    private static IndexTask Task(string id) => new() { Type = "essai-commit", DocumentId = id, CreatedAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task InsideATransaction_ItRunsAtTheCommit_NotAtTheSave()
    {
        var (scope, db, afterCommit) = await UnitAsync();
        await using var _ = scope;
        var ran = 0;
        await db.InTransactionAsync(async tx =>
        {
            db.Add(Task("dans-une-transaction"));
            afterCommit.Run(db, () => ran++);

            await db.SaveChangesAsync();
            Assert.Equal(0, ran);

            await tx.CommitAsync();
            Assert.Equal(1, ran);
        }, CancellationToken.None);
        await db.SaveChangesAsync();
        Assert.Equal(1, ran); // once
    }

    [Fact]
    public async Task ARolledBackUnit_RunsNothing_AndASaveWithoutTransaction_RunsAtOnce()
    {
        var (scope, db, afterCommit) = await UnitAsync();
        await using var _ = scope;
        var ran = 0;
        await db.InTransactionAsync(async tx =>
        {
            db.Add(Task("annulee"));
            afterCommit.Run(db, () => ran++);
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }, CancellationToken.None);
        db.ChangeTracker.Clear();
        Assert.Equal(0, ran);

        db.Add(Task("seule"));
        afterCommit.Run(db, () => ran++);
        await db.SaveChangesAsync();
        Assert.Equal(1, ran);
    }
}

public sealed class SqliteAfterCommitTests(SqlitePortalFactory factory) : AfterCommitTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAfterCommitTests(PostgresPortalFactory factory) : AfterCommitTests<PostgresPortalFactory>(factory);
