using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NameKeys = RqiiacPortail.Web.Infrastructure.Text.NameKey;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>One account for the whole network, with a home region.</summary>
public sealed class PortalUser : IdentityUser
{
    // EF reads and writes the fields (its convention for a field named after the property): the setters only
    // run when the portal changes a name, and keep its comparison key in step.
    private string firstName = "", lastName = "";

    public required string FirstName { get => firstName; set { firstName = value; NameKey = NameKeys.Of($"{value} {lastName}"); } }
    public required string LastName { get => lastName; set { lastName = value; NameKey = NameKeys.Of($"{firstName} {value}"); } }

    /// <summary>The display name folded (<see cref="NameKeys"/>): a pseudonym may never be a member's name.</summary>
    public string NameKey { get; private set; } = "";
    public string? Employer { get; set; }
    public string? Territory { get; set; }
    public int HomeSectionId { get; set; }
    public MembershipStatus Status { get; set; } = MembershipStatus.AwaitingEmail;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PrivacyConsentAt { get; set; }

    public string DisplayName => $"{FirstName} {LastName}";
}

public enum MembershipStatus
{
    AwaitingEmail = 0,
    AwaitingApproval = 1,
    Approved = 2,
    Refused = 3,
}

public sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> b)
    {
        b.Property(u => u.FirstName).HasMaxLength(Infrastructure.Text.PersonName.MaxPart);
        b.Property(u => u.LastName).HasMaxLength(Infrastructure.Text.PersonName.MaxPart);
        b.Property(u => u.NameKey).HasMaxLength(NameKeys.MaxLength);
        b.HasIndex(u => u.NameKey);
        b.Property(u => u.Employer).HasMaxLength(200);
        b.Property(u => u.Territory).HasMaxLength(200);
        b.HasIndex(u => u.HomeSectionId);
        // One account per address, enforced by the database: Identity's own check reads, then inserts, and 100
        // concurrent applications once made five accounts for one address (and a 500 at every sign-in after).
        b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
    }
}
