using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Infrastructure.Events;

/// <summary>
/// Something that happened (a tool published, an announcement made), written in the same transaction as the
/// change itself and handled after commit by <see cref="EventOutboxProcessor"/>, on whichever instance leases it.
/// </summary>
public sealed class OutboxEvent
{
    public const int PayloadLength = 8000;

    public long Id { get; set; }

    /// <summary>The event's name (its class name); <see cref="Handler"/> is who reacts to it: one row per handler.</summary>
    public required string Type { get; set; }
    public required string Handler { get; set; }

    /// <summary>The event as JSON.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public bool Abandoned { get; set; }
    public string? LastError { get; set; }

    /// <summary>Where the handler stopped, saved with each batch it wrote: a retry resumes there, never repeats.</summary>
    public string? Progress { get; set; }

    /// <summary>Lease taken by one instance while it handles the event, renewed with each batch.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// Who holds the lease: each claim writes a new token and every later write of that attempt (a batch, the end,
    /// a failure) is conditional on it, so that an attempt that outlived its lease writes nothing once another has
    /// taken the event over.
    /// </summary>
    public Guid? LockToken { get; set; }

    /// <summary>The instance that took the event last (<see cref="Background.Instance.Name"/>), for the operator.</summary>
    public string? LockedBy { get; set; }

    /// <summary>
    /// The lane its handler works in: "" for the ordinary one, handled in order; a named lane (slow work, such as
    /// reading uploaded files) has workers of its own, so that it never holds the ordinary events back.
    /// </summary>
    public string Lane { get; set; } = "";

    /// <summary>Who caused it, where a lane shares its workers fairly among people (the member who uploaded a file).</summary>
    public string? Owner { get; set; }
}

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> b)
    {
        b.ToTable("EventOutbox");
        b.Property(e => e.Type).HasMaxLength(100);
        b.Property(e => e.Handler).HasMaxLength(200);
        b.Property(e => e.Payload).HasMaxLength(OutboxEvent.PayloadLength);
        b.Property(e => e.LastError).HasMaxLength(2000);
        b.Property(e => e.Progress).HasMaxLength(500);
        b.Property(e => e.Lane).HasMaxLength(40);
        b.Property(e => e.Owner).HasMaxLength(450);
        b.Property(e => e.LockedBy).HasMaxLength(Background.Instance.NameLength);
        b.HasIndex(e => new { e.HandledAt, e.NextAttemptAt });
        b.HasIndex(e => new { e.Lane, e.HandledAt, e.Owner });
    }
}
