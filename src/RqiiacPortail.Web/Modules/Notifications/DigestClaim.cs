using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// A member's digest of one slot (their hour on one day), taken by the instance that sends it: the key is the
/// member and the slot, so two instances passing at the same minute send one digest (a keyed row, not a check).
/// </summary>
public sealed class DigestClaim
{
    public required string UserId { get; set; }
    public DateTimeOffset Slot { get; set; }
}

internal sealed class DigestClaimConfiguration : IEntityTypeConfiguration<DigestClaim>
{
    public void Configure(EntityTypeBuilder<DigestClaim> b)
    {
        b.ToTable("DigestClaims");
        b.HasKey(c => new { c.UserId, c.Slot });
        b.Property(c => c.UserId).HasMaxLength(450);
        b.HasIndex(c => c.Slot);
    }
}
