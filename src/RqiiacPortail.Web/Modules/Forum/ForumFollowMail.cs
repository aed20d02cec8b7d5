using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// The last post of a thread a follower was e-mailed about. Until they have read the thread that far, later replies
/// reach them on the site only: fifty replies to a thread with two hundred followers make two hundred e-mails, not
/// ten thousand (Discourse's way). Mentions keep their own e-mail.
/// </summary>
public sealed class ForumFollowMail
{
    public int ThreadId { get; set; }
    public required string UserId { get; set; }
    public int LastEmailedPostId { get; set; }
}

internal sealed class ForumFollowMailConfiguration : IEntityTypeConfiguration<ForumFollowMail>
{
    public void Configure(EntityTypeBuilder<ForumFollowMail> b)
    {
        b.ToTable("ForumFollowMails");
        b.HasKey(m => new { m.ThreadId, m.UserId });
        b.Property(m => m.UserId).HasMaxLength(450);
        b.HasOne<ForumThread>().WithMany().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => m.UserId);
    }
}
