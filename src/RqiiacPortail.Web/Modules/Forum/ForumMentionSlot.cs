using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>One of the times in an hour a member's mentions told another (<see cref="Mentions.MaxPerHourFromOneMember"/> slots a pair and hour).</summary>
public sealed class ForumMentionSlot
{
    public required string AuthorId { get; set; }
    public required string MentionedId { get; set; }

    /// <summary>Hours since 1970 (UTC).</summary>
    public long Hour { get; set; }

    public int Slot { get; set; }
}

internal sealed class ForumMentionSlotConfiguration : IEntityTypeConfiguration<ForumMentionSlot>
{
    public void Configure(EntityTypeBuilder<ForumMentionSlot> b)
    {
        b.ToTable("ForumMentionSlots");
        b.HasKey(m => new { m.AuthorId, m.MentionedId, m.Hour, m.Slot });
        b.Property(m => m.AuthorId).HasMaxLength(450);
        b.Property(m => m.MentionedId).HasMaxLength(450);
    }
}
