using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Events;

/// <summary>
/// Handles committed events, one handler's row at a time, under a lease (the mail processor's claim logic) so
/// that several instances share the work and none does it twice: a handler that stops half-way is resumed from
/// its saved progress by the next attempt, on this instance or another once the lease is over.
/// </summary>
internal sealed class EventOutboxProcessor(
    IServiceScopeFactory scopes,
    EventRegistry registry,
    EventSignal signal,
    IOptions<EventsOptions> options,
    TimeProvider clock,
    ILogger<EventOutboxProcessor> logger) : BackgroundService
{
    private const int ClaimAtOnce = 20;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Handle) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await ProcessAsync(stoppingToken);
                if (clock.GetUtcNow() - _prunedAt >= PruneEvery)
                {
                    await PruneAsync(stoppingToken);
                    _prunedAt = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Échec du traitement des événements.");
            }
            if (handled == 0)
            {
                try { await signal.WaitAsync(options.Value.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Handles the due events this instance can claim; returns how many it finished.</summary>
    internal async Task<int> ProcessAsync(CancellationToken ct)
    {
        var o = options.Value;
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutboxEvent>()
                .Where(e => e.HandledAt == null && !e.Abandoned && e.NextAttemptAt <= now && (e.LockedUntil == null || e.LockedUntil < now))
                .OrderBy(e => e.Id).Select(e => e.Id).Take(ClaimAtOnce).ToListAsync(ct);
        }

        var done = 0;
        foreach (var id in due)
            if (await HandleAsync(id, o, ct)) done++;
        return done;
    }

    private async Task<bool> HandleAsync(long id, EventsOptions o, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var until = now + o.Lease;
        var claimed = await db.Set<OutboxEvent>()
            .Where(e => e.Id == id && e.HandledAt == null && (e.LockedUntil == null || e.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LockedUntil, until), ct);
        if (claimed == 0) return false; // another instance took it

        var row = await db.Set<OutboxEvent>().AsNoTracking().SingleAsync(e => e.Id == id, ct);
        try
        {
            var handler = registry.Find(row.Handler) ?? throw new InvalidOperationException($"Aucun gestionnaire « {row.Handler} » n'est inscrit.");
            var batches = new EventBatches(db, row.Id, row.Progress, o.Lease, clock, o.BatchSize, row.CreatedAt);
            await handler.Invoke(scope.ServiceProvider, row.Payload, batches, ct);
            await batches.CompleteAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = row.Attempts + 1;
            var abandon = attempts >= o.MaxAttempts;
            var retryAt = Background.RetrySchedule.Next(clock.GetUtcNow(), o.FirstRetryDelay, attempts);
            logger.LogError(e, "Événement {Id} ({Type} → {Handler}) non traité (tentative {Attempt}){Abandon}.", id, row.Type, row.Handler, attempts,
                abandon ? " : mis de côté" : "");
            // The innermost message says what went wrong (a DbUpdateException only says to look inside).
            var error = Text.TextLimits.Clamp(e.GetBaseException().Message, 2000);
            db.ChangeTracker.Clear();
            await db.Set<OutboxEvent>().Where(x => x.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Attempts, attempts)
                .SetProperty(x => x.Abandoned, abandon)
                .SetProperty(x => x.NextAttemptAt, retryAt)
                .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(x => x.LastError, error), CancellationToken.None);
            return false;
        }
    }

    internal async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = clock.GetUtcNow() - options.Value.KeepHandledFor;
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutboxEvent>()
            .Where(e => e.HandledAt != null && e.HandledAt < before).ExecuteDeleteAsync(ct);
    }
}
