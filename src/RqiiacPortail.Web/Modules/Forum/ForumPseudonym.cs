using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// A pseudonym taken in a thread, by one person: the key is the thread and the folded pseudonym, so a second
/// person writing under the same name there (in any case or accents) is refused by the database itself, even
/// when both post at once. The thread's author holds the pseudonym she started it under.
/// </summary>
public sealed class ForumPseudonym
{
    /// <summary>A folded pseudonym can grow (« œ » becomes « oe »): twice the pseudonym's length.</summary>
    public const int MaxKey = 2 * ForumPost.MaxPseudonym;

    public int ThreadId { get; set; }

    /// <summary>The pseudonym folded (<see cref="Infrastructure.Text.NameKey"/>).</summary>
    public required string Key { get; set; }

    /// <summary>Null once its holder closed their account: the name stays taken in the thread.</summary>
    public string? UserId { get; set; }
}

internal sealed class ForumPseudonymConfiguration : IEntityTypeConfiguration<ForumPseudonym>
{
    public void Configure(EntityTypeBuilder<ForumPseudonym> b)
    {
        b.ToTable("ForumPseudonyms");
        b.HasKey(p => new { p.ThreadId, p.Key });
        b.Property(p => p.Key).HasMaxLength(ForumPseudonym.MaxKey);
        b.Property(p => p.UserId).HasMaxLength(450);
        b.HasOne<ForumThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => p.UserId);
    }
}
