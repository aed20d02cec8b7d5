using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>A draft is seen by its organizers only; a cancelled event stays listed, marked so, and takes no registration.</summary>
public enum EventState
{
    Draft = 0,
    Published = 1,
    Cancelled = 2,
}

/// <summary>
/// An event (« colloque », « journée d'échange ») of a section: the board's national ones belong to the national
/// section. Times are instants (UTC); they are shown and typed in America/Toronto.
/// </summary>
public sealed class Event : ISectionOwned
{
    public const int TitleLength = 200, DescriptionLength = 20_000, PlaceLength = 400, LinkLength = 500;
    public const int MaxCapacity = 10_000;

    public int Id { get; set; }
    public int SectionId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";

    /// <summary>The address, shown to everyone.</summary>
    public string? Place { get; set; }

    /// <summary>The online link (a videoconference): shown to confirmed registrants only.</summary>
    public string? OnlineLink { get; set; }

    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Null: open as soon as the event is published.</summary>
    public DateTimeOffset? RegistrationOpensAt { get; set; }

    /// <summary>Null: open until the event starts.</summary>
    public DateTimeOffset? RegistrationClosesAt { get; set; }

    public int Capacity { get; set; }

    /// <summary>
    /// Seats held: confirmed registrations and seats offered to the waiting list. Moved only inside the statement
    /// that takes or gives back a seat (<c>Taken = Taken + 1 … WHERE Taken &lt; Capacity</c>), never recounted.
    /// </summary>
    public int Taken { get; set; }

    /// <summary>
    /// How many registrations arrived: every change to the event's registrations bumps it first, which locks the
    /// event's row until commit (PostgreSQL), so registrations are decided one after the other, in arrival order.
    /// </summary>
    public long Arrivals { get; set; }

    public bool MembersOnly { get; set; }

    /// <summary>Hours of professional development written on the attestation of attendance.</summary>
    public decimal AttendanceHours { get; set; }

    public EventState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<Workshop> Workshops { get; set; } = [];
    public List<FeeCategory> Fees { get; set; } = [];
    public List<RegistrationQuestion> Questions { get; set; } = [];
    public List<EventTerm> Terms { get; set; } = [];

    public int SeatsLeft => Math.Max(0, Capacity - Taken);

    /// <summary>Whether registering is possible at <paramref name="now"/> (a full event still takes its waiting list).</summary>
    public bool IsOpenAt(DateTimeOffset now) => State == EventState.Published && (RegistrationOpensAt is null || RegistrationOpensAt <= now)
        && now < (RegistrationClosesAt ?? StartsAt) && now < StartsAt;
}

/// <summary>A workshop (« atelier ») of an event, in a time slot: a registrant takes at most one per slot.</summary>
public sealed class Workshop
{
    public const int TitleLength = 200, SummaryLength = 1000;

    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Title { get; set; }

    /// <summary>A few lines under the title (plain text).</summary>
    public string? Summary { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int Capacity { get; set; }

    /// <summary>Seats held, moved like <see cref="Event.Taken"/>.</summary>
    public int Taken { get; set; }

    public int SeatsLeft => Math.Max(0, Capacity - Taken);

    public bool Overlaps(Workshop other) => StartsAt < other.EndsAt && other.StartsAt < EndsAt;
}

/// <summary>A fee shown to registrants (member, non-member, student…); payment stays outside the portal.</summary>
public sealed class FeeCategory
{
    public const int LabelLength = 100;

    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Label { get; set; }
    public decimal Amount { get; set; }
    public int Position { get; set; }
}

public enum QuestionKind
{
    ShortText = 0,
    Choice = 1,
    YesNo = 2,
}

/// <summary>A question of the registration form (dietary needs, accessibility…).</summary>
public sealed class RegistrationQuestion
{
    public const int LabelLength = 200, ChoicesLength = 1000, AnswerLength = 500, MaxChoices = 20;

    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Label { get; set; }
    public QuestionKind Kind { get; set; }

    /// <summary>For a choice: its options, one per line.</summary>
    public string? Choices { get; set; }

    public bool Required { get; set; }
    public int Position { get; set; }

    public IReadOnlyList<string> Options => (Choices ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A term of the taxonomy an event is tagged with.</summary>
public sealed class EventTerm
{
    public int EventId { get; set; }
    public int TermId { get; set; }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.ToTable("Events");
        b.Property(e => e.Title).HasMaxLength(Event.TitleLength);
        b.Property(e => e.Description).HasMaxLength(Event.DescriptionLength);
        b.Property(e => e.Place).HasMaxLength(Event.PlaceLength);
        b.Property(e => e.OnlineLink).HasMaxLength(Event.LinkLength);
        b.Property(e => e.AttendanceHours).HasPrecision(5, 2);
        b.HasMany(e => e.Workshops).WithOne().HasForeignKey(w => w.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Fees).WithOne().HasForeignKey(f => f.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Questions).WithOne().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Terms).WithOne().HasForeignKey(t => t.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.State, e.StartsAt });
    }
}

internal sealed class WorkshopConfiguration : IEntityTypeConfiguration<Workshop>
{
    public void Configure(EntityTypeBuilder<Workshop> b)
    {
        b.ToTable("EventWorkshops");
        b.Property(w => w.Title).HasMaxLength(Workshop.TitleLength);
        b.Property(w => w.Summary).HasMaxLength(Workshop.SummaryLength);
    }
}

internal sealed class FeeCategoryConfiguration : IEntityTypeConfiguration<FeeCategory>
{
    public void Configure(EntityTypeBuilder<FeeCategory> b)
    {
        b.ToTable("EventFees");
        b.Property(f => f.Label).HasMaxLength(FeeCategory.LabelLength);
        b.Property(f => f.Amount).HasPrecision(8, 2);
    }
}

internal sealed class RegistrationQuestionConfiguration : IEntityTypeConfiguration<RegistrationQuestion>
{
    public void Configure(EntityTypeBuilder<RegistrationQuestion> b)
    {
        b.ToTable("EventQuestions");
        b.Property(q => q.Label).HasMaxLength(RegistrationQuestion.LabelLength);
        b.Property(q => q.Choices).HasMaxLength(RegistrationQuestion.ChoicesLength);
    }
}

internal sealed class EventTermConfiguration : IEntityTypeConfiguration<EventTerm>
{
    public void Configure(EntityTypeBuilder<EventTerm> b)
    {
        b.ToTable("EventTerms");
        b.HasKey(t => new { t.EventId, t.TermId });
        b.HasIndex(t => t.TermId);
    }
}
