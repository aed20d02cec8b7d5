using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Search;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Tests.Search;

/// <summary>
/// The index-task log under concurrent writers (issue 11). PostgreSQL takes ids at insert and commits them in
/// any order: a task with a lower id may appear after the indexer applied a higher one, and must not be skipped.
/// SQLite serialises writers, so only PostgreSQL can show it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SearchLogTests(SearchLogTests.Site factory) : IClassFixture<SearchLogTests.Site>
{
    /// <summary>The search test site, without retries: the test holds transactions open itself.</summary>
    public sealed class Site : SearchTests.PostgresSearchFactory
    {
        protected override int MaxRetries => 0;
    }

    [Fact]
    public async Task ATaskCommittedAfterAHigherOne_IsStillApplied()
    {
        var late = SearchTests.Doc("tardif", "Bilan tardif du chantier Wendake", "Un bilan.");
        var early = SearchTests.Doc("hatif", "Bilan hâtif du chantier Wôlinak", "Un bilan.");
        factory.Documents.All[late.Id] = late;

        // A writer takes the lower id and holds its transaction open...
        await using var scope = factory.Started().Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        scope.ServiceProvider.GetRequiredService<IIndexQueue>().Enqueue(late.Type, late.Id);
        await db.SaveChangesAsync();

        // ...while another commits a higher one, which the indexer applies.
        await factory.PublishAsync(early);
        Assert.Equal(1, (await factory.FindAsync("Wôlinak")).Total);
        var lowest = await factory.WithDbAsync(d => d.Set<IndexTask>().Where(t => t.DocumentId == late.Id).MinAsync(t => (long?)t.Id));
        Assert.Null(lowest);

        await tx.CommitAsync();
        Assert.Equal(1, (await factory.FindAsync("Wendake")).Total);

        // Nothing is waiting, though the cursor stays behind the tasks until their commit window is over.
        var status = await factory.Services.GetRequiredService<SearchIndexer>().StatusAsync(default);
        Assert.Equal(0, status.Pending);
    }

    [Fact]
    public async Task ManyConcurrentWriters_LoseNoTask()
    {
        const int writers = 40;
        var ids = Enumerable.Range(0, writers).Select(i => $"concurrent-{i}").ToList();
        foreach (var id in ids) factory.Documents.All[id] = SearchTests.Doc(id, $"Fiche Kanesatake {id}", "Une fiche de concertation.");

        // Each writer enqueues, waits a random moment inside its transaction, then commits: commits land out of id order.
        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            await using var scope = factory.Started().Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<IIndexQueue>().Enqueue("essai", id);
            await db.SaveChangesAsync();
            await Task.Delay(Random.Shared.Next(0, 1500));
            await tx.CommitAsync();
        }));

        var found = await factory.FindAsync("Kanesatake", until: r => r.Total == writers);
        Assert.Equal(writers, found.Total);
    }
}
