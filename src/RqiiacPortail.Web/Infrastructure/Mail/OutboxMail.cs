using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>One message waiting to be sent (or sent): written in the same transaction as what caused it.</summary>
public sealed class OutboxMail
{
    public const int ToNameLength = 200, SubjectLength = 400;

    public long Id { get; set; }
    public required string To { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public required string TextBody { get; set; }

    /// <summary>Fixed when queued, so that a retry carries the same Message-ID and receivers can drop doubles.</summary>
    public required string MessageId { get; set; }

    /// <summary>Extra headers (List-Unsubscribe, …) as <c>Name: value</c> lines.</summary>
    public string? Headers { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public bool Abandoned { get; set; }
    public string? LastError { get; set; }

    /// <summary>Lease taken by one instance while it sends, so two instances never send the same row.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
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
        b.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        b.HasIndex(m => m.MessageId).IsUnique();
    }
}
