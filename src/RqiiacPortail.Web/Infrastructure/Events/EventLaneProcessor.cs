using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Events;

/// <summary>
/// The workers of a lane of slow work (reading uploaded files): a bounded number per instance, each taking the
/// oldest due event whose owner has nothing under way, so that one member's five damaged files occupy one worker
/// while everyone else's go through the others. Fairness is best effort (two workers may pick one owner at the
/// same moment); correctness is the lease's, as in the ordinary lane.
/// </summary>
internal sealed class EventLaneProcessor(
    string lane,
    int workers,
    IServiceScopeFactory scopes,
    EventRunner runner,
    EventLaneSignal signal,
    IOptions<EventsOptions> options,
    TimeProvider clock,
    ILogger<EventLaneProcessor> logger) : BackgroundService
{
    /// <summary>How many due events a worker looks at to choose one.</summary>
    private const int Window = 200;

    /// <summary>How far back the events an owner had handled count against them when choosing whose goes next.</summary>
    private static readonly TimeSpan RecentWindow = TimeSpan.FromMinutes(10);

    public string Lane => lane;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.Handle ? Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken))) : Task.CompletedTask;

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = false;
            try
            {
                handled = await HandleNextAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Échec du traitement des événements de la file « {Lane} ».", lane);
            }
            if (handled) continue;
            try { await signal.WaitAsync(options.Value.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <returns>Whether an event was taken (handled or failed); false when none was due.</returns>
    internal async Task<bool> HandleNextAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<PortalDbContext>().Set<OutboxEvent>().AsNoTracking();
        var now = clock.GetUtcNow();
        var open = events.Where(e => e.Lane == lane && e.HandledAt == null && !e.Abandoned);
        var busy = await open.Where(e => e.LockedUntil > now && e.Owner != null).Select(e => e.Owner!).Distinct().ToListAsync(ct);
        var due = await open.Where(e => e.NextAttemptAt <= now && (e.LockedUntil == null || e.LockedUntil < now))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Owner }).Take(Window).ToListAsync(ct);
        // Owners served least lately first (round robin): one who just had an event handled waits behind one who had
        // none; then the oldest. One owner's events go one at a time, and a worker left without any waits for
        // someone else's rather than take a second of theirs.
        var owners = due.Where(e => e.Owner is not null).Select(e => e.Owner!).Distinct().ToList();
        var lately = now - RecentWindow;
        var served = owners.Count == 0 ? [] : await events.Where(e => e.Lane == lane && e.HandledAt > lately && owners.Contains(e.Owner!))
            .GroupBy(e => e.Owner!).Select(g => new { Owner = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Owner, g => g.Count, ct);
        var next = due.Where(e => e.Owner is null || !busy.Contains(e.Owner))
            .OrderBy(e => e.Owner is null ? 0 : served.GetValueOrDefault(e.Owner)).ThenBy(e => e.Id).FirstOrDefault();
        if (next is null) return false;
        // Taken only if no other worker took one of this owner's meanwhile; refused, the next look sees it busy.
        await runner.HandleAsync(next.Id, ct, next.Owner is null ? null : (lane, next.Owner));
        return true;
    }
}
