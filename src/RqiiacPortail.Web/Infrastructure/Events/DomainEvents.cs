using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Events;

/// <summary>
/// Raises events in the caller's unit of work: the row is saved with the caller's changes or not at all, and the
/// handlers run after commit, outside the request. What would be proportional to the number of members (writing
/// each one's notification and e-mail) belongs in a handler, never in a request.
/// </summary>
public interface IEventOutbox
{
    /// <param name="owner">Who caused it: a lane's workers are shared fairly among owners (see <see cref="OutboxEvent.Owner"/>).</param>
    void Raise<TEvent>(TEvent @event, string? owner = null) where TEvent : class;
}

/// <summary>Handles one kind of event. Registered by the module that reacts to it (<see cref="DomainEventsModule.AddEventHandler{TEvent, THandler}"/>).</summary>
public interface IEventHandler<in TEvent> where TEvent : class
{
    Task HandleAsync(TEvent @event, EventBatches batches, CancellationToken ct);
}

/// <summary>
/// How a handler writes its work in batches: <see cref="SaveAsync"/> commits what the handler added to the unit of
/// work together with how far it got, so that a handler stopped half-way (a crash, a failed batch) resumes from
/// <see cref="Resume"/> on its next attempt instead of repeating what was already written.
/// </summary>
public sealed class EventBatches(PortalDbContext db, long eventId, Guid token, string? resume, TimeSpan lease, TimeProvider clock, int size, DateTimeOffset raisedAt)
{
    /// <summary>When the event was raised (whoever joined after it is not concerned by it).</summary>
    public DateTimeOffset RaisedAt { get; } = raisedAt;

    /// <summary>Where an earlier attempt stopped (the handler's own marker), or null to start from the beginning.</summary>
    public string? Resume { get; private set; } = resume;

    /// <summary>How many items to write per batch.</summary>
    public int Size { get; } = size;

    /// <exception cref="LeaseLostException">The lease went to another attempt: nothing of the batch is written.</exception>
    public async Task SaveAsync(string progress, CancellationToken ct)
    {
        await CommitAsync(progress, done: false, ct);
        Resume = progress;
    }

    /// <summary>Saves what is left and marks the event handled, in one transaction.</summary>
    internal Task CompleteAsync(CancellationToken ct) => CommitAsync(Resume, done: true, ct);

    private async Task CommitAsync(string? progress, bool done, CancellationToken ct)
    {
        // The batch's rows and the event's progress in one transaction, the event's row first and only while this
        // attempt holds the lease (its token): the update also holds the row, so no one can take the lease over
        // until the batch is committed. What the batch wakes is woken after the commit (AfterCommit).
        await db.InTransactionAsync(async tx =>
        {
            var now = clock.GetUtcNow();
            var held = await db.Set<OutboxEvent>().Where(e => e.Id == eventId && e.LockToken == token && e.HandledAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.Progress, progress)
                    .SetProperty(e => e.LockedUntil, done ? null : now + lease)
                    .SetProperty(e => e.HandledAt, done ? now : null)
                    .SetProperty(e => e.LockToken, done ? null : token), ct);
            if (held == 0) throw new LeaseLostException(eventId);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
        db.ChangeTracker.Clear();
    }
}

/// <summary>An attempt whose lease another attempt took over: it stops, having written nothing more.</summary>
public sealed class LeaseLostException(long eventId) : Exception($"The lease of event {eventId} was taken over.");

internal sealed class EventOutbox(PortalDbContext db, TimeProvider clock, EventSignal signal, EventLaneSignal lanes, EventRegistry registry, AfterCommit afterCommit) : IEventOutbox
{
    // Accents as they are, so that the rows read plainly (in psql, in a support request).
    internal static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Raise<TEvent>(TEvent @event, string? owner = null) where TEvent : class
    {
        var handlers = registry.For(typeof(TEvent));
        if (handlers.Count == 0) throw new InvalidOperationException($"No handler is registered for {typeof(TEvent).Name}: add one with AddEventHandler.");
        var payload = JsonSerializer.Serialize(@event, Json);
        if (payload.Length > OutboxEvent.PayloadLength) throw new ArgumentException("An event carries ids and short texts, not documents.", nameof(@event));
        var now = clock.GetUtcNow();
        // One row per handler: each resumes, retries and is set aside on its own.
        foreach (var handler in handlers)
            db.Add(new OutboxEvent { Type = typeof(TEvent).Name, Handler = handler.Name, Payload = payload, CreatedAt = now, NextAttemptAt = now, Lane = handler.Lane, Owner = owner });
        // Woken once committed: inside the caller's transaction, a processor woken at the save would find nothing yet.
        afterCommit.Run(db, () =>
        {
            signal.Wake();
            lanes.Wake();
        });
    }
}

/// <summary>A handler as registered: the event it takes and how to call it.</summary>
internal sealed record EventRegistration(Type EventType, string Name, Func<IServiceProvider, string, EventBatches, CancellationToken, Task> Invoke, string Lane = "");

/// <summary>Every handler the modules registered, by event type and by the name stored in each row.</summary>
internal sealed class EventRegistry(IEnumerable<EventRegistration> registrations)
{
    private readonly IReadOnlyList<EventRegistration> _all = registrations.ToList();

    public IReadOnlyList<EventRegistration> For(Type eventType) => _all.Where(r => r.EventType == eventType).ToList();

    public EventRegistration? Find(string handler) => _all.FirstOrDefault(r => r.Name == handler);
}

/// <summary>Wakes the processor when this instance committed an event.</summary>
internal sealed class EventSignal : Background.WakeSignal;

/// <summary>Wakes every worker of the lanes when this instance committed an event.</summary>
internal sealed class EventLaneSignal : Background.BroadcastSignal;
