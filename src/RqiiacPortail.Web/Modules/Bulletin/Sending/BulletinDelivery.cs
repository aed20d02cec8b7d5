using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Infrastructure.Mail;

namespace RqiiacPortail.Web.Modules.Bulletin.Sending;

/// <summary>
/// One issue sent to one address: the ledger's row. Written with its outbox message in one transaction, unique on
/// the issue and the address, so a send resumed after a crash or shared by two instances never writes a second one.
/// While the outbox holds the message, its state is read there; <see cref="State"/> and the fields after it keep
/// what it said once the outbox has forgotten it (sent mail is deleted from the outbox after a month).
/// </summary>
public sealed class BulletinDelivery
{
    public long Id { get; set; }
    public int IssueId { get; set; }
    public required string Email { get; set; }

    /// <summary>The outbox message's Message-ID: every attempt (a repeat after a crash included) carries it.</summary>
    public required string MessageId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public MailState? State { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public int Interruptions { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Publishing an issue with its e-mail: its deliveries are written in batches, after commit and outside the request.</summary>
public sealed record BulletinSendStarted(int IssueId, long BulkId);

internal sealed class BulletinDeliveryConfiguration : IEntityTypeConfiguration<BulletinDelivery>
{
    public void Configure(EntityTypeBuilder<BulletinDelivery> b)
    {
        b.ToTable("BulletinDeliveries");
        b.Property(d => d.Email).HasMaxLength(Subscriptions.BulletinSubscriber.EmailLength);
        b.Property(d => d.MessageId).HasMaxLength(200);
        b.Property(d => d.LastError).HasMaxLength(2000);
        // Never two copies of one issue to one address, whatever resumes or runs twice.
        b.HasIndex(d => new { d.IssueId, d.Email }).IsUnique();
        b.HasIndex(d => d.MessageId).IsUnique();
        b.HasIndex(d => d.Email);
    }
}
