using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Events;

/// <summary>
/// Handles one committed event under a lease, for every lane's processor: several instances, and several workers,
/// share the work and none does it twice; a handler that stops half-way is resumed from its saved progress.
/// </summary>
internal sealed class EventRunner(IServiceScopeFactory scopes, EventRegistry registry, IOptions<EventsOptions> options, TimeProvider clock, ILogger<EventRunner> logger)
{
    /// <summary>Claims the event (a lease: false when another worker has it) and runs its handler; a failure is retried later.</summary>
    /// <param name="ownerAlone">
    /// For a lane shared among owners: the claim holds only while no other event of this owner's in the lane is
    /// under way (checked in the claiming statement: strict where writes are serialized, as on SQLite).
    /// </param>
    /// <returns>Whether it was handled.</returns>
    public async Task<bool> HandleAsync(long id, CancellationToken ct, (string Lane, string Owner)? ownerAlone = null)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var until = now + o.Lease;
        var token = Guid.NewGuid();
        var claim = db.Set<OutboxEvent>().Where(e => e.Id == id && e.HandledAt == null && (e.LockedUntil == null || e.LockedUntil < now));
        if (ownerAlone is { Lane: var lane, Owner: var owner })
            claim = claim.Where(e => !db.Set<OutboxEvent>().Any(o => o.Lane == lane && o.Owner == owner && o.Id != id && o.HandledAt == null && o.LockedUntil > now));
        var claimed = await claim.ExecuteUpdateAsync(s => s
            .SetProperty(e => e.LockedUntil, until).SetProperty(e => e.LockToken, token).SetProperty(e => e.LockedBy, Background.Instance.Name), ct);
        if (claimed == 0) return false; // another instance took it

        var row = await db.Set<OutboxEvent>().AsNoTracking().SingleAsync(e => e.Id == id, ct);
        try
        {
            var handler = registry.Find(row.Handler) ?? throw new InvalidOperationException($"Aucun gestionnaire « {row.Handler} » n'est inscrit.");
            var batches = new EventBatches(db, row.Id, token, row.Progress, o.Lease, clock, o.BatchSize, row.CreatedAt);
            await handler.Invoke(scope.ServiceProvider, row.Payload, batches, ct);
            await batches.CompleteAsync(ct);
            return true;
        }
        catch (LeaseLostException)
        {
            // Another instance took the event over while this attempt was slow: it is theirs now, nothing to write.
            logger.LogWarning("Événement {Id} ({Handler}) repris par une autre instance : cette tentative s'arrête sans rien écrire.", id, row.Handler);
            return false;
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
            await db.Set<OutboxEvent>().Where(x => x.Id == id && x.LockToken == token).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Attempts, attempts)
                .SetProperty(x => x.Abandoned, abandon)
                .SetProperty(x => x.NextAttemptAt, retryAt)
                .SetProperty(x => x.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(x => x.LockToken, (Guid?)null)
                .SetProperty(x => x.LastError, error), CancellationToken.None);
            return false;
        }
    }
}
