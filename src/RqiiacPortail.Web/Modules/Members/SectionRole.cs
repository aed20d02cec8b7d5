using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// A role held in one section. Not section-filtered: authorization reads a person's roles in every section.
/// </summary>
public sealed class SectionRole
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public int SectionId { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
}

public sealed class SectionRoleConfiguration : IEntityTypeConfiguration<SectionRole>
{
    public void Configure(EntityTypeBuilder<SectionRole> b)
    {
        b.ToTable("SectionRoles");
        b.Property(r => r.Role).HasMaxLength(40);
        b.HasIndex(r => new { r.UserId, r.SectionId, r.Role }).IsUnique();
        b.HasIndex(r => new { r.SectionId, r.Role });
        b.HasOne<PortalUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
