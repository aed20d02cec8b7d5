using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>
/// An address a receiving server refused for good (an SMTP 5xx on the recipient). After
/// <see cref="MailOptions.BulkStopsAfterFailures"/> refusals it gets no more bulk mail (digests, the bulletin): a
/// list that keeps writing to dead addresses is what providers mark as spam. Confirming the address again (the link
/// of a confirmation e-mail) deletes the row.
/// </summary>
public sealed class MailAddressFailure
{
    /// <summary>The address, trimmed and lower-cased.</summary>
    public required string Address { get; set; }
    public int FailuresForGood { get; set; }
    public DateTimeOffset LastFailedAt { get; set; }
    public string? LastError { get; set; }

    public static string Key(string address) => address.Trim().ToLowerInvariant();
}

internal sealed class MailAddressFailureConfiguration : IEntityTypeConfiguration<MailAddressFailure>
{
    public void Configure(EntityTypeBuilder<MailAddressFailure> b)
    {
        b.ToTable("MailAddressFailures");
        b.HasKey(f => f.Address);
        b.Property(f => f.Address).HasMaxLength(320);
        b.Property(f => f.LastError).HasMaxLength(2000);
    }
}

/// <summary>What the rest of the portal tells the outbox about addresses.</summary>
public static class MailAddresses
{
    /// <summary>The owner of the address just proved it works (a confirmation link): bulk mail resumes.</summary>
    public static Task ConfirmedAsync(this PortalDbContext db, string address, CancellationToken ct)
    {
        var key = MailAddressFailure.Key(address);
        return db.Set<MailAddressFailure>().Where(f => f.Address == key).ExecuteDeleteAsync(ct);
    }
}
