using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

public enum SubscriberState
{
    /// <summary>Asked, not confirmed: nothing but the confirmation is ever sent to this address.</summary>
    Pending = 0,

    /// <summary>Confirmed (by the link, or by a member from their account): receives the bulletin.</summary>
    Confirmed = 1,

    /// <summary>Unsubscribed: kept so that the ledger can say « désabonné depuis », never sent to again.</summary>
    Unsubscribed = 2,
}

/// <summary>
/// One address that asked for the bulletin. The public subscribes with a double opt-in; a member subscribes the
/// address of their account from their preferences (<see cref="UserId"/>). The address is unique: subscribing it
/// again never makes a second row, so never a second copy of an issue.
/// </summary>
public sealed class BulletinSubscriber
{
    public const int EmailLength = 320, CodeLength = 43, HashLength = 64;

    public int Id { get; set; }

    /// <summary>The address in lower case, as it is compared and sent to.</summary>
    public required string Email { get; set; }

    /// <summary>The member whose account subscribed it, or null for the public.</summary>
    public string? UserId { get; set; }

    public SubscriberState State { get; set; }

    /// <summary>SHA-256 of the confirmation link's secret: the link itself is never stored.</summary>
    public string? ConfirmationHash { get; set; }

    /// <summary>When the last confirmation link was sent: it expires <see cref="BulletinSubscriptions.ConfirmationLasts"/> later.</summary>
    public DateTimeOffset? ConfirmationSentAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? UnsubscribedAt { get; set; }

    /// <summary>The personal unsubscribe link's code (random, public in every issue sent to this address).</summary>
    public required string UnsubscribeCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>How a consent was given, under Canada's anti-spam law (CASL).</summary>
public enum ConsentBasis
{
    /// <summary>The person asked for it (the form and its confirmation, or a member's preferences).</summary>
    Express = 0,

    /// <summary>Implied by a membership in the association: it ends two years after the membership does.</summary>
    ImpliedByMembership = 1,
}

/// <summary>
/// The proof of one consent to receive the bulletin: how, when, from which address, which notice was shown, on what
/// basis, and when it ended. One row per consent given; withdrawing ends it at once.
/// </summary>
public sealed class BulletinConsent
{
    public const int HowLength = 200, FromLength = 64, NoticeLength = 20;

    public int Id { get; set; }
    public int SubscriberId { get; set; }
    public ConsentBasis Basis { get; set; }

    /// <summary>In plain words: « Formulaire public /bulletin/abonnement, confirmé par le lien reçu ».</summary>
    public required string How { get; set; }

    /// <summary>The client's IP address when it was asked (null when given otherwise).</summary>
    public string? FromAddress { get; set; }

    /// <summary>The version of the notice shown next to the request (<see cref="ConsentNotice.Version"/>).</summary>
    public required string NoticeVersion { get; set; }

    public DateTimeOffset AskedAt { get; set; }

    /// <summary>When the address confirmed (the link followed, or at once for a member's own account).</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>An implied consent's end (two years after the membership's); null while it lasts or for express consent.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }
    public string? WithdrawnHow { get; set; }
}

public static class BulletinConsents
{
    /// <summary>An implied consent lasts this long after the membership that implied it ended (CASL).</summary>
    public static readonly TimeSpan ImpliedLasts = TimeSpan.FromDays(2 * 365);
}

/// <summary>What the subscription form says, word for word: a consent's proof names its version.</summary>
public static class ConsentNotice
{
    public const string Version = "2026-12";

    public const string Text = "En vous abonnant, vous consentez à recevoir par courriel le bulletin de liaison « Inter Action Communautaire » "
        + "du Regroupement québécois des intervenantes et intervenants en action communautaire en CISSS et CIUSSS (RQIIAC), "
        + "environ six fois par année. Chaque envoi contient un lien pour vous désabonner en un clic. Votre adresse ne sert qu'à cet envoi "
        + "et n'est jamais communiquée à des tiers.";
}

internal sealed class BulletinSubscriberConfiguration : IEntityTypeConfiguration<BulletinSubscriber>
{
    public void Configure(EntityTypeBuilder<BulletinSubscriber> b)
    {
        b.ToTable("BulletinSubscribers");
        b.Property(s => s.Email).HasMaxLength(BulletinSubscriber.EmailLength);
        b.Property(s => s.UserId).HasMaxLength(450);
        b.Property(s => s.ConfirmationHash).HasMaxLength(BulletinSubscriber.HashLength);
        b.Property(s => s.UnsubscribeCode).HasMaxLength(BulletinSubscriber.CodeLength);
        // Two requests for one address at once: the database keeps one row.
        b.HasIndex(s => s.Email).IsUnique();
        b.HasIndex(s => s.UnsubscribeCode).IsUnique();
        b.HasIndex(s => s.ConfirmationHash);
        b.HasIndex(s => s.UserId);
        // What the send reads: the confirmed ones, in order.
        b.HasIndex(s => new { s.State, s.Id });
    }
}

internal sealed class BulletinConsentConfiguration : IEntityTypeConfiguration<BulletinConsent>
{
    public void Configure(EntityTypeBuilder<BulletinConsent> b)
    {
        b.ToTable("BulletinConsents");
        b.Property(c => c.How).HasMaxLength(BulletinConsent.HowLength);
        b.Property(c => c.FromAddress).HasMaxLength(BulletinConsent.FromLength);
        b.Property(c => c.NoticeVersion).HasMaxLength(BulletinConsent.NoticeLength);
        b.Property(c => c.WithdrawnHow).HasMaxLength(BulletinConsent.HowLength);
        b.HasIndex(c => c.SubscriberId);
        b.HasOne<BulletinSubscriber>().WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Cascade);
    }
}
