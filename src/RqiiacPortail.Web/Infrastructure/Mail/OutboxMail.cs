using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>
/// Which mail goes first. A confirmation link or a password reset is waited for by someone at their screen;
/// a digest or a bulletin to thousands can wait behind it.
/// </summary>
public enum MailLane
{
    /// <summary>Account mail: sent before any other and outside the hourly pace.</summary>
    Urgent = 0,

    /// <summary>One notification, one decision.</summary>
    Normal = 1,

    /// <summary>Digests, the bulletin: sent when nothing else waits.</summary>
    Bulk = 2,
}

/// <summary>One message waiting to be sent (or sent): written in the same transaction as what caused it.</summary>
public sealed class OutboxMail
{
    public const int ToNameLength = Text.PersonName.MaxLength, SubjectLength = 400;

    public long Id { get; set; }
    public required string To { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }

    /// <summary>The message's own body; null when it is one of a <see cref="Bulk"/>'s deliveries.</summary>
    public string? HtmlBody { get; set; }
    public string? TextBody { get; set; }

    public MailLane Lane { get; set; } = MailLane.Normal;

    /// <summary>The body shared by every recipient of a bulk mailing, stored once.</summary>
    public long? BulkId { get; set; }
    public MailBulk? Bulk { get; set; }

    /// <summary>This recipient's values for the bulk body's <c>{{placeholders}}</c>, as JSON.</summary>
    public string? Fields { get; set; }

    /// <summary>Fixed when queued, so that a retry carries the same Message-ID and receivers can drop doubles.</summary>
    public required string MessageId { get; set; }

    /// <summary>One attached file (an event's invitation), or null.</summary>
    public string? AttachmentName { get; set; }
    public string? AttachmentType { get; set; }
    public byte[]? Attachment { get; set; }

    /// <summary>Extra headers (List-Unsubscribe, …) as <c>Name: value</c> lines.</summary>
    public string? Headers { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Where it stands: see <see cref="MailState"/>.</summary>
    public MailState State { get; set; } = MailState.Queued;

    /// <summary>What went wrong last, in the server's words (the SMTP reply), or why it is uncertain.</summary>
    public string? LastError { get; set; }

    /// <summary>How many attempts were interrupted before their outcome was known (the instance stopped mid-send).</summary>
    public int Interruptions { get; set; }

    /// <summary>Lease taken by one instance while it sends, so two instances never send the same row.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Who holds the lease: what an attempt writes after sending (sent, or its failure) is conditional on it.</summary>
    public Guid? LockToken { get; set; }

    /// <summary>The instance that holds (or last held) the lease, for a person reading the queue: machine and process.</summary>
    public string? Owner { get; set; }

    public const int OwnerLength = 100;
}

/// <summary>A message body sent to many (the bulletin): stored once, each recipient a row of <see cref="OutboxMail"/>.</summary>
public sealed class MailBulk
{
    public long Id { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class MailBulkConfiguration : IEntityTypeConfiguration<MailBulk>
{
    public void Configure(EntityTypeBuilder<MailBulk> b)
    {
        b.ToTable("MailBulks");
        b.Property(m => m.Subject).HasMaxLength(OutboxMail.SubjectLength);
    }
}

internal sealed class OutboxMailConfiguration : IEntityTypeConfiguration<OutboxMail>
{
    public void Configure(EntityTypeBuilder<OutboxMail> b)
    {
        b.ToTable("MailOutbox");
        b.Property(m => m.To).HasMaxLength(320);
        b.Property(m => m.ToName).HasMaxLength(OutboxMail.ToNameLength);
        b.Property(m => m.Subject).HasMaxLength(OutboxMail.SubjectLength);
        b.Property(m => m.MessageId).HasMaxLength(200);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.Property(m => m.Fields).HasMaxLength(4000);
        b.Property(m => m.AttachmentName).HasMaxLength(200);
        b.Property(m => m.AttachmentType).HasMaxLength(100);
        b.Property(m => m.Owner).HasMaxLength(OutboxMail.OwnerLength);
        // What the claim reads: due rows of a lane, in order.
        b.HasIndex(m => new { m.State, m.Lane, m.NextAttemptAt });
        b.HasIndex(m => m.SentAt);
        b.HasOne(m => m.Bulk).WithMany().HasForeignKey(m => m.BulkId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.MessageId).IsUnique();
    }
}
