using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// One signed-in browser: its cookie carries the id (in the authentication properties, which every refresh keeps),
/// and signing out ends the row, so that a copy of the cookie taken before opens nothing after (ASVS 3.3.1).
/// </summary>
public sealed class MemberSession
{
    public const int IdLength = 32;

    public required string Id { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

internal sealed class MemberSessionConfiguration : IEntityTypeConfiguration<MemberSession>
{
    public void Configure(EntityTypeBuilder<MemberSession> b)
    {
        b.ToTable("MemberSessions");
        b.Property(s => s.Id).HasMaxLength(MemberSession.IdLength);
        b.Property(s => s.UserId).HasMaxLength(450);
        b.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}
