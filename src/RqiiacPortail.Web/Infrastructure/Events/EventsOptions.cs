using System.ComponentModel.DataAnnotations;

namespace RqiiacPortail.Web.Infrastructure.Events;

public sealed class EventsOptions
{
    public const string Section = "Events";

    /// <summary>How many recipients (or other items) a handler writes per transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Whether this instance handles events; false for an instance that only serves pages while others (a
    /// worker) do the handling. Events are raised either way.
    /// </summary>
    public bool Handle { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tries before an event is set aside (its error stays in the row, and /health says so).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a handler may work on one batch before another instance may take the event over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Handled events are deleted after this long.</summary>
    public TimeSpan KeepHandledFor { get; set; } = TimeSpan.FromDays(7);
}
