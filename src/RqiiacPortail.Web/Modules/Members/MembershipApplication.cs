using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>A request to join, owned by the applicant's home region, decided by its coordination.</summary>
public sealed class MembershipApplication : ISectionOwned
{
    public int Id { get; set; }
    public int SectionId { get; set; }
    public required string UserId { get; set; }
    public PortalUser? User { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? EmailConfirmedAt { get; set; }
    public MembershipStatus Status { get; set; }
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? RefusalReason { get; set; }
}

public sealed class MembershipApplicationConfiguration : IEntityTypeConfiguration<MembershipApplication>
{
    public void Configure(EntityTypeBuilder<MembershipApplication> b)
    {
        b.ToTable("MembershipApplications");
        b.Property(a => a.RefusalReason).HasMaxLength(1000);
        b.Property(a => a.DecidedById).HasMaxLength(450);
        b.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.SectionId, a.Status });
    }
}
