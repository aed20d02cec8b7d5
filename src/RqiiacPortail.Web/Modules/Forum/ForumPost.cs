using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Forum;

public enum PostStatus
{
    /// <summary>Waiting for a moderator (a new member's first posts, every pseudonymous post): its author and moderators see it.</summary>
    Pending = 0,
    Published = 1,
    /// <summary>Refused by a moderator, with a reason sent to its author; nobody else sees it.</summary>
    Rejected = 2,
    /// <summary>Hidden by a moderator or by three members' flags: members see « Message masqué », moderators the text.</summary>
    Hidden = 3,
}

/// <summary>A post of a thread: its first post or a reply.</summary>
public sealed class ForumPost
{
    public const int MaxBody = 20000;
    public const int MaxPseudonym = 40;

    public int Id { get; set; }
    public int ThreadId { get; set; }

    /// <summary>Null once the author closed their account (then shown as « Membre retiré·e », pseudonymous or not).</summary>
    public string? AuthorId { get; set; }

    /// <summary>Shown instead of the author to everyone; who wrote it is revealed only by a logged moderator action.</summary>
    public string? Pseudonym { get; set; }

    public required string Body { get; set; }
    public bool IsFirst { get; set; }
    public int? QuotedPostId { get; set; }
    public PostStatus Status { get; set; }

    /// <summary>Why a moderator rejected or hid it (sent to the author, shown to moderators).</summary>
    public string? ModerationReason { get; set; }

    /// <summary>Deleted by its author: the row stays (replies quote it), its place reads « Message supprimé par son auteur ».</summary>
    public bool DeletedByAuthor { get; set; }

    /// <summary>Flags that count toward hiding it: those of members in good standing (every flag still reaches the queue).</summary>
    public int FlagCount { get; set; }

    /// <summary>Flags a moderator has not looked at since the last review (restoring a post clears them).</summary>
    public bool FlagsToReview { get; set; }

    public int Thanks { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }

    /// <summary>Counted in the thread's <see cref="ForumThread.ReplyCount"/>.</summary>
    public bool CountsAsReply => !IsFirst && Status == PostStatus.Published && !DeletedByAuthor;
}

/// <summary>The text a post had before an edit: moderators read the history.</summary>
public sealed class ForumPostRevision
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset ReplacedAt { get; set; }
}

/// <summary>A member's flag on a post, with its reason: one per member and post (a unique key, not a check).</summary>
public sealed class ForumPostFlag
{
    public const int MaxReason = 500;

    public int PostId { get; set; }
    public required string UserId { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A « Merci » on a post: one per member and post.</summary>
public sealed class ForumPostThanks
{
    public int PostId { get; set; }
    public required string UserId { get; set; }
}

internal sealed class ForumPostConfiguration : IEntityTypeConfiguration<ForumPost>
{
    public void Configure(EntityTypeBuilder<ForumPost> b)
    {
        b.ToTable("ForumPosts");
        b.Property(p => p.AuthorId).HasMaxLength(450);
        b.Property(p => p.Pseudonym).HasMaxLength(ForumPost.MaxPseudonym);
        b.Property(p => p.Body).HasMaxLength(ForumPost.MaxBody);
        b.Property(p => p.ModerationReason).HasMaxLength(500);
        b.Ignore(p => p.CountsAsReply);
        b.HasOne<ForumThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.ThreadId, p.Id });
        b.HasIndex(p => new { p.AuthorId, p.Status });
        b.HasIndex(p => p.Status);
    }
}

internal sealed class ForumPostRevisionConfiguration : IEntityTypeConfiguration<ForumPostRevision>
{
    public void Configure(EntityTypeBuilder<ForumPostRevision> b)
    {
        b.ToTable("ForumPostRevisions");
        b.Property(r => r.Body).HasMaxLength(ForumPost.MaxBody);
        b.HasOne<ForumPost>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumPostFlagConfiguration : IEntityTypeConfiguration<ForumPostFlag>
{
    public void Configure(EntityTypeBuilder<ForumPostFlag> b)
    {
        b.ToTable("ForumPostFlags");
        b.HasKey(f => new { f.PostId, f.UserId });
        b.Property(f => f.UserId).HasMaxLength(450);
        b.Property(f => f.Reason).HasMaxLength(ForumPostFlag.MaxReason);
        b.HasOne<ForumPost>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.UserId);
    }
}

internal sealed class ForumPostThanksConfiguration : IEntityTypeConfiguration<ForumPostThanks>
{
    public void Configure(EntityTypeBuilder<ForumPostThanks> b)
    {
        b.ToTable("ForumPostThanks");
        b.HasKey(t => new { t.PostId, t.UserId });
        b.Property(t => t.UserId).HasMaxLength(450);
        b.HasOne<ForumPost>().WithMany().HasForeignKey(t => t.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.UserId);
    }
}
