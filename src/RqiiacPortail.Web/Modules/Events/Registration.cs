using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// Where a registration stands. <see cref="Confirmed"/> and <see cref="Offered"/> hold a seat (the event's
/// <see cref="Event.Taken"/> counts them); <see cref="Waitlisted"/> waits its turn by arrival.
/// </summary>
public enum RegistrationStatus
{
    Confirmed = 0,
    Waitlisted = 1,

    /// <summary>A seat freed up and is held for this registrant until <see cref="Registration.HoldUntil"/> (48 hours).</summary>
    Offered = 2,

    Cancelled = 3,

    /// <summary>An offer not taken in time, or a visitor's seat whose address was not confirmed within the hour.</summary>
    Expired = 4,
}

/// <summary>Someone's registration to an event: a member's, or a visitor's known by name and address.</summary>
public sealed class Registration
{
    public const int NameLength = Infrastructure.Text.PersonName.MaxLength, EmailLength = 320, CodeLength = 32;

    public int Id { get; set; }
    public int EventId { get; set; }

    /// <summary>The member who registered; null for a visitor, or once the member closed their account.</summary>
    public string? UserId { get; set; }

    public required string Name { get; set; }
    public required string Email { get; set; }
    public string? Employer { get; set; }

    /// <summary>
    /// The address in lower case while the registration is alive (null once cancelled or expired): a unique index
    /// on it per event refuses a second registration with the same address, even two sent at the same moment,
    /// and lets one register again after cancelling.
    /// </summary>
    public string? ActiveEmail { get; set; }

    /// <summary>The secret of the registration's own page (view, change, cancel, accept an offer), sent by e-mail.</summary>
    public required string Code { get; set; }

    public RegistrationStatus Status { get; set; }

    /// <summary>The event's arrival number when it registered: the waiting list's order.</summary>
    public long Arrival { get; set; }

    public int? FeeId { get; set; }

    /// <summary>A member's address is known; a visitor confirms theirs through the link sent to it.</summary>
    public bool EmailConfirmed { get; set; }

    /// <summary>Until when the seat is held: an offer's 48 hours, a visitor's unconfirmed hour.</summary>
    public DateTimeOffset? HoldUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }

    /// <summary>Marked present at the door: the attestation of attendance is theirs to download.</summary>
    public DateTimeOffset? PresentAt { get; set; }

    /// <summary>Told by e-mail that the attestation is ready (the organizer's « send them all »), once.</summary>
    public DateTimeOffset? AttestationSentAt { get; set; }

    /// <summary>The first download of the attestation: the organizer sees who has theirs.</summary>
    public DateTimeOffset? AttestationFetchedAt { get; set; }

    public List<RegistrationWorkshop> Workshops { get; set; } = [];
    public List<RegistrationAnswer> Answers { get; set; } = [];

    public bool HoldsSeat => Status is RegistrationStatus.Confirmed or RegistrationStatus.Offered;

    public bool IsAlive => Status is RegistrationStatus.Confirmed or RegistrationStatus.Offered or RegistrationStatus.Waitlisted;
}

/// <summary>
/// A workshop a registrant chose. <see cref="Held"/>: a seat of the workshop is theirs; otherwise they wait for one,
/// in the order of these rows, and get it (and are told) as soon as they are confirmed and one frees up.
/// </summary>
public sealed class RegistrationWorkshop
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public int WorkshopId { get; set; }
    public bool Held { get; set; }
}

public sealed class RegistrationAnswer
{
    public int RegistrationId { get; set; }
    public int QuestionId { get; set; }
    public required string Value { get; set; }
}

/// <summary>A member's private calendar feed: the events they registered for, at an address with this secret.</summary>
public sealed class CalendarKey
{
    public required string UserId { get; set; }
    public required string Secret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> b)
    {
        b.ToTable("EventRegistrations");
        b.Property(r => r.UserId).HasMaxLength(450);
        b.Property(r => r.Name).HasMaxLength(Registration.NameLength);
        b.Property(r => r.Email).HasMaxLength(Registration.EmailLength);
        b.Property(r => r.ActiveEmail).HasMaxLength(Registration.EmailLength);
        b.Property(r => r.Employer).HasMaxLength(200);
        b.Property(r => r.Code).HasMaxLength(Registration.CodeLength);
        b.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<FeeCategory>().WithMany().HasForeignKey(r => r.FeeId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Workshops).WithOne().HasForeignKey(w => w.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        // NULLs are distinct on both providers: a cancelled registration no longer holds its address.
        b.HasIndex(r => new { r.EventId, r.ActiveEmail }).IsUnique();
        b.HasIndex(r => new { r.EventId, r.Arrival }).IsUnique();
        b.HasIndex(r => new { r.EventId, r.Status, r.Arrival });
        b.HasIndex(r => r.Code).IsUnique();
        b.HasIndex(r => r.UserId);
        b.HasIndex(r => new { r.Status, r.HoldUntil });
    }
}

internal sealed class RegistrationWorkshopConfiguration : IEntityTypeConfiguration<RegistrationWorkshop>
{
    public void Configure(EntityTypeBuilder<RegistrationWorkshop> b)
    {
        b.ToTable("EventRegistrationWorkshops");
        b.HasOne<Workshop>().WithMany().HasForeignKey(w => w.WorkshopId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(w => new { w.RegistrationId, w.WorkshopId }).IsUnique();
        b.HasIndex(w => new { w.WorkshopId, w.Held, w.Id });
    }
}

internal sealed class RegistrationAnswerConfiguration : IEntityTypeConfiguration<RegistrationAnswer>
{
    public void Configure(EntityTypeBuilder<RegistrationAnswer> b)
    {
        b.ToTable("EventRegistrationAnswers");
        b.HasKey(a => new { a.RegistrationId, a.QuestionId });
        b.Property(a => a.Value).HasMaxLength(RegistrationQuestion.AnswerLength);
        b.HasOne<RegistrationQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarKeyConfiguration : IEntityTypeConfiguration<CalendarKey>
{
    public void Configure(EntityTypeBuilder<CalendarKey> b)
    {
        b.ToTable("EventCalendarKeys");
        b.HasKey(k => k.UserId);
        b.Property(k => k.UserId).HasMaxLength(450);
        b.Property(k => k.Secret).HasMaxLength(Registration.CodeLength);
        b.HasIndex(k => k.Secret).IsUnique();
    }
}
