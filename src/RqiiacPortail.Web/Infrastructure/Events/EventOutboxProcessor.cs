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
    EventRunner runner,
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
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutboxEvent>()
                .Where(e => e.Lane == "" && e.HandledAt == null && !e.Abandoned && e.NextAttemptAt <= now && (e.LockedUntil == null || e.LockedUntil < now))
                .OrderBy(e => e.Id).Select(e => e.Id).Take(ClaimAtOnce).ToListAsync(ct);
        }

        var done = 0;
        foreach (var id in due)
            if (await runner.HandleAsync(id, ct)) done++;
        return done;
    }

    internal async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = clock.GetUtcNow() - options.Value.KeepHandledFor;
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutboxEvent>()
            .Where(e => e.HandledAt != null && e.HandledAt < before).ExecuteDeleteAsync(ct);
    }
}
