using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Infrastructure.Audit;

/// <summary>
/// One action that must be answerable for: who, when, what, why. Written in the unit of work of the action
/// itself (it exists exactly when the action does), never changed afterwards; administrators read it.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Null once the person closed their account (<see cref="ActorName"/> then says so).</summary>
    public string? ActorId { get; set; }

    /// <summary>The name as it was at the time: the log reads the same after someone renames themselves.</summary>
    public required string ActorName { get; set; }

    /// <summary>The module that wrote it (<c>forum</c>).</summary>
    public required string Area { get; set; }

    /// <summary>A stable key of the action (<c>approuver</c>, <c>reveler</c>…).</summary>
    public required string Action { get; set; }

    /// <summary>What was done, in French, for the reader of the log.</summary>
    public required string Summary { get; set; }

    public string? Reason { get; set; }
    public int? SectionId { get; set; }

    /// <summary>The member the action was about (a post's author, a suspended member), when there is one.</summary>
    public string? SubjectUserId { get; set; }

    /// <summary>Where the object of the action is, a path from the site root.</summary>
    public string? Link { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditLog");
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(Text.PersonName.MaxLength);
        b.Property(e => e.Area).HasMaxLength(40);
        b.Property(e => e.Action).HasMaxLength(40);
        b.Property(e => e.Summary).HasMaxLength(500);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.Property(e => e.SubjectUserId).HasMaxLength(450);
        b.Property(e => e.Link).HasMaxLength(500);
        b.HasIndex(e => e.At);
        b.HasIndex(e => e.ActorId);
        b.HasIndex(e => e.SubjectUserId);
    }
}
