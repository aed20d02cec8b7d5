using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>A member follows a thread (its author and whoever replies do, by themselves).</summary>
public sealed class ForumThreadFollow
{
    public required string UserId { get; set; }
    public int ThreadId { get; set; }
}

/// <summary>A member follows a category: each new thread and reply in it.</summary>
public sealed class ForumCategoryFollow
{
    public required string UserId { get; set; }
    public int CategoryId { get; set; }
}

/// <summary>How far a member has read a thread: the category page marks the threads with newer posts.</summary>
public sealed class ForumThreadRead
{
    public required string UserId { get; set; }
    public int ThreadId { get; set; }
    public int LastPostId { get; set; }
}

/// <summary>A member suspended from posting (in one section's categories, or everywhere when SectionId is null) until a date.</summary>
public sealed class ForumSuspension
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int? SectionId { get; set; }
    public DateTimeOffset Until { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ForumThreadFollowConfiguration : IEntityTypeConfiguration<ForumThreadFollow>
{
    public void Configure(EntityTypeBuilder<ForumThreadFollow> b)
    {
        b.ToTable("ForumThreadFollows");
        b.HasKey(f => new { f.ThreadId, f.UserId });
        b.Property(f => f.UserId).HasMaxLength(450);
        b.HasOne<ForumThread>().WithMany().HasForeignKey(f => f.ThreadId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.UserId);
    }
}

internal sealed class ForumCategoryFollowConfiguration : IEntityTypeConfiguration<ForumCategoryFollow>
{
    public void Configure(EntityTypeBuilder<ForumCategoryFollow> b)
    {
        b.ToTable("ForumCategoryFollows");
        b.HasKey(f => new { f.CategoryId, f.UserId });
        b.Property(f => f.UserId).HasMaxLength(450);
        b.HasOne<ForumCategory>().WithMany().HasForeignKey(f => f.CategoryId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(f => f.UserId);
    }
}

internal sealed class ForumThreadReadConfiguration : IEntityTypeConfiguration<ForumThreadRead>
{
    public void Configure(EntityTypeBuilder<ForumThreadRead> b)
    {
        b.ToTable("ForumThreadReads");
        b.HasKey(r => new { r.UserId, r.ThreadId });
        b.Property(r => r.UserId).HasMaxLength(450);
        b.HasOne<ForumThread>().WithMany().HasForeignKey(r => r.ThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ForumSuspensionConfiguration : IEntityTypeConfiguration<ForumSuspension>
{
    public void Configure(EntityTypeBuilder<ForumSuspension> b)
    {
        b.ToTable("ForumSuspensions");
        b.Property(s => s.UserId).HasMaxLength(450);
        b.Property(s => s.Reason).HasMaxLength(500);
        b.HasIndex(s => new { s.UserId, s.Until });
    }
}
