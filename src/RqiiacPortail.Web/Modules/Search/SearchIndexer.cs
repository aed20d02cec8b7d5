using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// Applies the task log to this instance's index, near real time: woken by local commits, polling for the
/// others'. Rebuilds from the database when the index is new or was unreadable, when it was made by other
/// versions of the sources, or when an administrator asked for it.
/// </summary>
public sealed class SearchIndexer(IServiceScopeFactory scopes, SearchIndex index, IndexSignal signal, Microsoft.Extensions.Options.IOptions<SearchOptions> options,
    TimeProvider clock, ILogger<SearchIndexer> logger) : BackgroundService
{
    private const int BatchSize = 500;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _writing = new(1, 1);

    // Documents whose source failed (a bug, a row it cannot read), with when to try again: skipped so that one
    // bad document never holds back those after it, retried later, and shown by /health as Degraded meanwhile.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Type, string Id), DateTimeOffset> _failed = new();
    private volatile string? _rebuildProblem;

    // The log read past the cursor: every task with an id above the cursor and up to _readThrough that this
    // instance applied, with when it first saw it. Touched only under _writing.
    private readonly Dictionary<long, DateTimeOffset> _seen = [];
    private long _readThrough;
    private volatile int _seenCount;

    /// <summary>What keeps the index from being whole right now, in French, or null.</summary>
    public string? Problem => _rebuildProblem ?? (_failed.IsEmpty ? null : $"{_failed.Count} document(s) non indexé(s), nouvel essai sous peu.");

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        index.Open();
        var state = await LogStateAsync(cancellationToken);
        if (!index.NeedsRebuild && index.Format != FormatFor(state))
            logger.LogInformation("Index de recherche fait autrement ({Old} → {New}) : reconstruction.", index.Format ?? "inconnu", FormatFor(state));
        if (index.NeedsRebuild || index.Format != FormatFor(state)) await RebuildAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// What an up-to-date index was made by: each source's version (<see cref="ISearchSource.Version"/>) and the
    /// latest rebuild an administrator asked for. Stored in the index; any difference means rebuilding.
    /// </summary>
    private string FormatFor(LogState state) => $"{Layout}|{Sources}#{state.RebuildRequested}";

    /// <summary>The index's own layout (2: snippets from a masked stored copy); a change rebuilds every index.</summary>
    private const string Layout = "2";

    private string Sources
    {
        get
        {
            if (_sources is null)
            {
                using var scope = scopes.CreateScope();
                _sources = string.Join(';', scope.ServiceProvider.GetServices<ISearchSource>().Select(s => $"{s.Type}:{s.Version}").Order(StringComparer.Ordinal));
            }
            return _sources;
        }
    }

    private string? _sources;

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
                if (!index.IsOnDisk)
                {
                    logger.LogWarning("Index de recherche disparu de {Path} : il est recréé et reconstruit.", index.Path);
                    index.Recreate();
                    await RebuildAsync(stoppingToken);
                }
                applied = await ApplyPendingAsync(stoppingToken);
                await RetryFailedAsync(stoppingToken);
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
        var state = await LogStateAsync(ct);
        if (index.Cursor < state.PrunedThrough)
        {
            // Tasks this index never applied are gone from the log: only a rebuild can catch up.
            logger.LogWarning("Index de recherche en retard sur le journal élagué ({Cursor} < {Pruned}) : reconstruction.", index.Cursor, state.PrunedThrough);
            await RebuildAsync(ct);
            return 0;
        }
        if (index.Format != FormatFor(state))
        {
            logger.LogInformation("Reconstruction de l'index de recherche demandée ({Requested}).", state.RebuildRequested);
            await RebuildAsync(ct);
            return 0;
        }

        await _writing.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var now = clock.GetUtcNow();
            var cursor = index.Cursor;
            if (_readThrough < cursor) ForgetSeen(cursor);
            var log = db.Set<IndexTask>().AsNoTracking();

            // Late commits: tasks with ids below what was read that were not there then (counted first, cheaply).
            var tasks = new List<IndexTask>();
            var readThrough = _readThrough;
            if (readThrough > cursor && await log.CountAsync(t => t.Id > cursor && t.Id <= readThrough, ct) != _seen.Count)
                tasks.AddRange((await log.Where(t => t.Id > cursor && t.Id <= readThrough).ToListAsync(ct)).Where(t => !_seen.ContainsKey(t.Id)));
            var fresh = await log.Where(t => t.Id > readThrough).OrderBy(t => t.Id).Take(BatchSize).ToListAsync(ct);
            tasks.AddRange(fresh);

            if (tasks.Count > 0)
            {
                var sources = scope.ServiceProvider.GetServices<ISearchSource>().ToDictionary(s => s.Type);
                // The same item changed twice in a batch is read once, as it is now.
                foreach (var task in tasks.DistinctBy(t => (t.Type, t.DocumentId)))
                    if (sources.TryGetValue(task.Type, out var source)) await ApplyAsync(source, task.DocumentId, ct);
                foreach (var task in tasks) _seen.TryAdd(task.Id, now);
                if (fresh.Count > 0) Interlocked.Exchange(ref _readThrough, fresh[^1].Id);
            }

            // Past a task once it was seen a whole window ago: any lower id had that long to commit, and was read.
            var settled = _seen.Where(s => s.Value <= now - options.Value.CommitWindow).Select(s => s.Key).DefaultIfEmpty(cursor).Max();
            foreach (var id in _seen.Keys.Where(id => id <= settled).ToList()) _seen.Remove(id);
            _seenCount = _seen.Count;
            if (tasks.Count > 0 || settled > cursor) index.Commit(settled);
            return fresh.Count;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Starts reading the log again from <paramref name="cursor"/> (after a rebuild, or a cursor moved back).</summary>
    private void ForgetSeen(long cursor)
    {
        _seen.Clear();
        _seenCount = 0;
        _readThrough = cursor;
    }

    private async Task ApplyAsync(ISearchSource source, string id, CancellationToken ct)
    {
        try
        {
            if (await source.LoadAsync(id, ct) is { } document) index.Upsert(document);
            else index.Delete(source.Type, id);
            _failed.TryRemove((source.Type, id), out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Document {Type} {Id} non indexé : il sera réessayé dans {Delay}.", source.Type, id, RetryDelay);
            _failed[(source.Type, id)] = clock.GetUtcNow() + RetryDelay;
        }
    }

    /// <summary>Tries again the documents that failed, once their delay has passed.</summary>
    public async Task RetryFailedAsync(CancellationToken ct, bool now = false)
    {
        var due = _failed.Where(f => now || f.Value <= clock.GetUtcNow()).Select(f => f.Key).ToList();
        if (due.Count == 0) return;
        await _writing.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sources = scope.ServiceProvider.GetServices<ISearchSource>().ToDictionary(s => s.Type);
            foreach (var (type, id) in due)
                if (sources.TryGetValue(type, out var source)) await ApplyAsync(source, id, ct);
                else _failed.TryRemove((type, id), out _);
            index.Commit(index.Cursor);
        }
        finally
        {
            _writing.Release();
        }
    }

    private sealed record LogState(long PrunedThrough, long RebuildRequested);

    private async Task<LogState> LogStateAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<IndexLogState>()
            .Where(s => s.Id == 1).Select(s => new LogState(s.PrunedThrough, s.RebuildRequested)).FirstOrDefaultAsync(ct) ?? new LogState(0, 0);
    }

    /// <summary>
    /// How far this index is behind the log: the age of the oldest task past what it has read (zero when none).
    /// A late commit below that point is caught by the next pass and is not counted: it lags by less than a poll.
    /// </summary>
    public async Task<TimeSpan> LagAsync(CancellationToken ct)
    {
        var read = Math.Max(Interlocked.Read(ref _readThrough), index.Cursor);
        await using var scope = scopes.CreateAsyncScope();
        var oldest = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<IndexTask>()
            .Where(t => t.Id > read).OrderBy(t => t.Id).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefaultAsync(ct);
        return oldest is { } created && clock.GetUtcNow() > created ? clock.GetUtcNow() - created : TimeSpan.Zero;
    }

    /// <summary>What the administration page shows of this instance's index.</summary>
    public async Task<IndexStatus> StatusAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var row = await db.Set<IndexLogState>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == 1, ct);
        var cursor = index.Cursor;
        var pending = Math.Max(0, await db.Set<IndexTask>().CountAsync(t => t.Id > cursor, ct) - _seenCount);
        var state = new LogState(row?.PrunedThrough ?? 0, row?.RebuildRequested ?? 0);
        return new IndexStatus(index.Search(s => s.IndexReader.NumDocs), pending, row?.RebuildRequestedAt,
            UpToDate: index.Format == FormatFor(state) && cursor >= state.PrunedThrough);
    }

    /// <summary>
    /// Asks every instance to rebuild its index: the request is a number in the database that each indexer
    /// compares with the one its index was made for, at its next poll. This instance is woken at once.
    /// </summary>
    public async Task RequestRebuildAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        // One atomic increment, so that two administrators at once never lose a request.
        var updated = await db.Set<IndexLogState>().Where(s => s.Id == 1)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RebuildRequested, s => s.RebuildRequested + 1).SetProperty(s => s.RebuildRequestedAt, now), ct);
        if (updated == 0)
        {
            db.Add(new IndexLogState { RebuildRequested = 1, RebuildRequestedAt = now });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // Another instance created the row meanwhile: increment it instead.
                db.ChangeTracker.Clear();
                await db.Set<IndexLogState>().Where(s => s.Id == 1)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.RebuildRequested, s => s.RebuildRequested + 1).SetProperty(s => s.RebuildRequestedAt, now), ct);
            }
        }
        signal.Wake();
    }

    /// <summary>Deletes tasks older than <see cref="SearchOptions.KeepTasksFor"/> and records how far it went.</summary>
    public async Task PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var before = clock.GetUtcNow() - options.Value.KeepTasksFor;
        var through = await db.Set<IndexTask>().Where(t => t.CreatedAt < before).MaxAsync(t => (long?)t.Id, ct);
        if (through is null) return;

        var deleted = await db.InTransactionAsync(async tx =>
        {
            var state = await db.Set<IndexLogState>().FindAsync([1], ct);
            if (state is null) db.Add(new IndexLogState { PrunedThrough = through.Value });
            else state.PrunedThrough = Math.Max(state.PrunedThrough, through.Value);
            await db.SaveChangesAsync(ct);
            var count = await db.Set<IndexTask>().Where(t => t.Id <= through).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            return count;
        }, ct);
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
            // Tasks written a commit window before now are covered by reading the database now (their transactions
            // are over); the later ones are applied again after (harmless). Never below what was pruned, or an empty
            // log would send this index back to rebuilding.
            var state = await LogStateAsync(ct);
            var settledBefore = clock.GetUtcNow() - options.Value.CommitWindow;
            var cursor = Math.Max(await db.Set<IndexTask>().Where(t => t.CreatedAt < settledBefore).MaxAsync(t => (long?)t.Id, ct) ?? 0, state.PrunedThrough);
            index.DeleteAll();
            _failed.Clear();
            string? problem = null;
            var count = 0;
            foreach (var source in scope.ServiceProvider.GetServices<ISearchSource>())
            {
                // A source that fails part-way loses the rest of its own documents, not the other sources'.
                try
                {
                    await foreach (var document in source.AllAsync(ct))
                    {
                        index.Upsert(document);
                        count++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Reconstruction incomplète de l'index : la source {Type} a échoué.", source.Type);
                    problem = $"Reconstruction incomplète : la source « {source.Label} » a échoué (voir le journal).";
                }
            }
            index.Commit(cursor, FormatFor(state));
            ForgetSeen(cursor);
            _rebuildProblem = problem;
            logger.LogInformation("Index de recherche reconstruit : {Count} documents.", count);
            return count;
        }
        finally
        {
            _writing.Release();
        }
    }
}

/// <summary>This instance's index: documents, tasks not yet applied, and whether it was made for the latest rebuild asked.</summary>
public sealed record IndexStatus(int Documents, int Pending, DateTimeOffset? RebuildRequestedAt, bool UpToDate);
