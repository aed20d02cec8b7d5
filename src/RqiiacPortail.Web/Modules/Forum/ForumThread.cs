using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>A thread is seen by members once its first post is approved; a rejected first post takes it away.</summary>
public enum ThreadStatus
{
    Pending = 0,
    Published = 1,
    Rejected = 2,
}

/// <summary>A thread (« sujet ») of a category. Its section is its category's, kept in step when it moves.</summary>
public sealed class ForumThread : ISectionOwned
{
    public int Id { get; set; }
    public int SectionId { get; set; }
    public int CategoryId { get; set; }
    public required string Title { get; set; }

    /// <summary>Who started it; null once they closed their account.</summary>
    public string? AuthorId { get; set; }

    /// <summary>The pseudonym it was started under (shown instead of the author, to everyone).</summary>
    public string? Pseudonym { get; set; }

    public ThreadStatus Status { get; set; }
    public bool IsPinned { get; set; }
    public bool IsLocked { get; set; }

    /// <summary>Started with the dilemma template of a category that allows pseudonyms.</summary>
    public bool IsDilemma { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the last post members can see went out: the category lists threads by it.</summary>
    public DateTimeOffset LastPostAt { get; set; }

    public int? LastPostId { get; set; }

    /// <summary>
    /// Published replies (the first post not counted, nor deleted ones). Moved by one in the statement that changes
    /// a post's standing (<c>ReplyCount = ReplyCount + 1</c>), never recounted: fifty people replying at once lose none.
    /// </summary>
    public int ReplyCount { get; set; }

    public List<ForumThreadTerm> Terms { get; set; } = [];
}

/// <summary>A term of the taxonomy a thread is tagged with (fields of practice, approaches, ethics topics).</summary>
public sealed class ForumThreadTerm
{
    public int ThreadId { get; set; }
    public int TermId { get; set; }
}

internal sealed class ForumThreadConfiguration : IEntityTypeConfiguration<ForumThread>
{
    public void Configure(EntityTypeBuilder<ForumThread> b)
    {
        b.ToTable("ForumThreads");
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.AuthorId).HasMaxLength(450);
        b.Property(t => t.Pseudonym).HasMaxLength(40);
        b.HasOne<ForumCategory>().WithMany().HasForeignKey(t => t.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Terms).WithOne().HasForeignKey(t => t.ThreadId).OnDelete(DeleteBehavior.Cascade);
        // A category's page: pinned first, then the latest activity.
        b.HasIndex(t => new { t.CategoryId, t.Status, t.IsPinned, t.LastPostAt });
        b.HasIndex(t => new { t.Status, t.LastPostAt });
        b.HasIndex(t => t.AuthorId);
    }
}

internal sealed class ForumThreadTermConfiguration : IEntityTypeConfiguration<ForumThreadTerm>
{
    public void Configure(EntityTypeBuilder<ForumThreadTerm> b)
    {
        b.ToTable("ForumThreadTerms");
        b.HasKey(t => new { t.ThreadId, t.TermId });
        b.HasIndex(t => t.TermId);
    }
}
