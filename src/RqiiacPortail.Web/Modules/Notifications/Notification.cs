using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>One notification for one member: stored first, pushed live after commit, e-mailed if the member wants.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Kind { get; set; }
    public required string Title { get; set; }
    public required string Link { get; set; }
    public string? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>How the member wanted this kind when it was raised; a digest gathers the <c>Digest</c> ones.</summary>
    public Contracts.Delivery Delivery { get; set; }

    /// <summary>The instance that raised it pushes it; another takes over only if it is long overdue.</summary>
    public required string RaisedBy { get; set; }
    public DateTimeOffset? PushedAt { get; set; }

    /// <summary>Set once it went out by e-mail (at once or in a digest), so that no digest repeats it.</summary>
    public DateTimeOffset? EmailedAt { get; set; }
}

/// <summary>A member's choice for one kind; kinds without a row use their default.</summary>
public sealed class NotificationPreference
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Kind { get; set; }
    public Contracts.Delivery Delivery { get; set; }
}

/// <summary>When a member's daily digest goes out (local hour, Québec time) and when it last did.</summary>
public sealed class DigestSchedule
{
    public required string UserId { get; set; }
    public int Hour { get; set; } = DefaultHour;
    public DateTimeOffset? LastSentAt { get; set; }

    public const int DefaultHour = 17;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.UserId).HasMaxLength(450);
        b.Property(n => n.Kind).HasMaxLength(60);
        b.Property(n => n.Title).HasMaxLength(300);
        b.Property(n => n.Link).HasMaxLength(500);
        b.Property(n => n.Body).HasMaxLength(2000);
        b.Property(n => n.RaisedBy).HasMaxLength(100);
        b.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
        b.HasIndex(n => n.PushedAt);
        b.HasIndex(n => new { n.Delivery, n.EmailedAt });
    }
}

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("NotificationPreferences");
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.Kind).HasMaxLength(60);
        b.HasIndex(p => new { p.UserId, p.Kind }).IsUnique();
    }
}

internal sealed class DigestScheduleConfiguration : IEntityTypeConfiguration<DigestSchedule>
{
    public void Configure(EntityTypeBuilder<DigestSchedule> b)
    {
        b.ToTable("DigestSchedules");
        b.HasKey(s => s.UserId);
    }
}
