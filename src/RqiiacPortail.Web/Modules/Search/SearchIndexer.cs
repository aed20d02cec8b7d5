using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// Applies the task log to this instance's index, near real time: woken by local commits, polling for the
/// others'. Rebuilds from the database when the index is new or was unreadable.
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, SearchIndex index, IndexSignal signal, Microsoft.Extensions.Options.IOptions<SearchOptions> options,
    TimeProvider clock, ILogger<SearchIndexer> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _writing = new(1, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        index.Open();
        string format;
        await using (var scope = scopes.CreateAsyncScope()) format = FormatOf(scope.ServiceProvider.GetServices<ISearchSource>());
        if (!index.NeedsRebuild && index.Format != format)
            logger.LogInformation("Documents de l'index de recherche d'une autre forme ({Old} → {New}) : reconstruction.", index.Format ?? "inconnue", format);
        if (index.NeedsRebuild || index.Format != format) await RebuildAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    private static string FormatOf(IEnumerable<ISearchSource> sources) =>
        string.Join(';', sources.Select(s => $"{s.Type}:{s.Version}").Order(StringComparer.Ordinal));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var applied = 0;
            try
            {
                if (clock.GetUtcNow() >= nextPrune)
                {
                    await PruneAsync(stoppingToken);
                    nextPrune = clock.GetUtcNow().AddHours(1);
                }
                applied = await ApplyPendingAsync(stoppingToken);
            }
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
        if (await PrunedThroughAsync(ct) is var pruned && index.Cursor < pruned)
        {
            // Tasks this index never applied are gone from the log: only a rebuild can catch up.
            logger.LogWarning("Index de recherche en retard sur le journal élagué ({Cursor} < {Pruned}) : reconstruction.", index.Cursor, pruned);
            await RebuildAsync(ct);
            return 0;
        }

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

    private async Task<long> PrunedThroughAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<IndexLogState>()
            .Where(s => s.Id == 1).Select(s => (long?)s.PrunedThrough).FirstOrDefaultAsync(ct) ?? 0;
    }

    /// <summary>Deletes tasks older than <see cref="SearchOptions.KeepTasksFor"/> and records how far it went.</summary>
    public async Task PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var before = clock.GetUtcNow() - options.Value.KeepTasksFor;
        var through = await db.Set<IndexTask>().Where(t => t.CreatedAt < before).MaxAsync(t => (long?)t.Id, ct);
        if (through is null) return;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var state = await db.Set<IndexLogState>().FindAsync([1], ct);
        if (state is null) db.Add(new IndexLogState { PrunedThrough = through.Value });
        else state.PrunedThrough = Math.Max(state.PrunedThrough, through.Value);
        await db.SaveChangesAsync(ct);
        var deleted = await db.Set<IndexTask>().Where(t => t.Id <= through).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Count} tâches d'indexation anciennes supprimées.", deleted);
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
            // Never below what was pruned, or an empty log would send this index back to rebuilding.
            var cursor = Math.Max(await db.Set<IndexTask>().MaxAsync(t => (long?)t.Id, ct) ?? 0, await PrunedThroughAsync(ct));
            index.DeleteAll();
            var count = 0;
            var sources = scope.ServiceProvider.GetServices<ISearchSource>().ToList();
            foreach (var source in sources)
                await foreach (var document in source.AllAsync(ct))
                {
                    index.Upsert(document);
                    count++;
                }
            index.Commit(cursor, FormatOf(sources));
            logger.LogInformation("Index de recherche reconstruit : {Count} documents.", count);
            return count;
        }
        finally
        {
            _writing.Release();
        }
    }
}
