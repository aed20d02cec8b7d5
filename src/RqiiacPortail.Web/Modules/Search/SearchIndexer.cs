using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// Applies the task log to this instance's index, near real time: woken by local commits, polling for the
/// others'. Rebuilds from the database when the index is new or was unreadable.
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, SearchIndex index, IndexSignal signal, ILogger<SearchIndexer> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _writing = new(1, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        index.Open();
        if (index.NeedsRebuild) await RebuildAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var applied = 0;
            try { applied = await ApplyPendingAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogError(e, "Échec de la mise à jour de l'index de recherche."); }
            if (applied < BatchSize)
            {
                try { await signal.WaitAsync(PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Applies the tasks after this index's cursor; returns how many.</summary>
    public async Task<int> ApplyPendingAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var cursor = index.Cursor;
            var tasks = await db.Set<IndexTask>().AsNoTracking().Where(t => t.Id > cursor).OrderBy(t => t.Id).Take(BatchSize).ToListAsync(ct);
            if (tasks.Count == 0) return 0;

            var sources = scope.ServiceProvider.GetServices<ISearchSource>().ToDictionary(s => s.Type);
            // The same item changed twice in a batch is read once, as it is now.
            foreach (var task in tasks.DistinctBy(t => (t.Type, t.DocumentId)))
            {
                if (!sources.TryGetValue(task.Type, out var source)) continue;
                if (await source.LoadAsync(task.DocumentId, ct) is { } document) index.Upsert(document);
                else index.Delete(task.Type, task.DocumentId);
            }
            index.Commit(tasks[^1].Id);
            return tasks.Count;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Empties the index and fills it again from every source; tasks logged meanwhile are applied after.</summary>
    public async Task<int> RebuildAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            // Everything up to here is covered by reading the database now; later tasks are re-applied (harmless).
            var cursor = await db.Set<IndexTask>().MaxAsync(t => (long?)t.Id, ct) ?? 0;
            index.DeleteAll();
            var count = 0;
            foreach (var source in scope.ServiceProvider.GetServices<ISearchSource>())
                await foreach (var document in source.AllAsync(ct))
                {
                    index.Upsert(document);
                    count++;
                }
            index.Commit(cursor);
            logger.LogInformation("Index de recherche reconstruit : {Count} documents.", count);
            return count;
        }
        finally
        {
            _writing.Release();
        }
    }
}
