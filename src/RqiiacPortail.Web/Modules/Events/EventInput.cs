using System.ComponentModel.DataAnnotations;
using System.Globalization;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>The organizer's form of an event. Times are typed in America/Toronto (<c>datetime-local</c>).</summary>
public sealed class EventInput
{
    /// <summary>Empty rows offered below the existing ones, for adding without script.</summary>
    public const int BlankRows = 3;

    public const int MaxWorkshops = 60, MaxFees = 12, MaxQuestions = 20;

    [Required(ErrorMessage = "Donnez un titre à l'événement."), StringLength(Event.TitleLength, ErrorMessage = "Le titre dépasse {1} caractères."), SingleLine]
    public string Title { get; set; } = "";

    [StringLength(Event.DescriptionLength, ErrorMessage = "La description dépasse {1} caractères."), Markdown]
    public string? Description { get; set; }

    [StringLength(Event.PlaceLength, ErrorMessage = "Le lieu dépasse {1} caractères."), SingleLine]
    public string? Place { get; set; }

    [StringLength(Event.LinkLength, ErrorMessage = "Le lien dépasse {1} caractères."), Url(ErrorMessage = "Le lien en ligne doit être une adresse web complète (https://…).")]
    public string? OnlineLink { get; set; }

    [Required(ErrorMessage = "Indiquez le début.")]
    public DateTime? StartsAt { get; set; }

    [Required(ErrorMessage = "Indiquez la fin.")]
    public DateTime? EndsAt { get; set; }

    public DateTime? RegistrationOpensAt { get; set; }
    public DateTime? RegistrationClosesAt { get; set; }

    [Range(1, Event.MaxCapacity, ErrorMessage = "Le nombre de places va de {1} à {2}.")]
    public int Capacity { get; set; } = 50;

    public bool MembersOnly { get; set; }

    [StringLength(6, ErrorMessage = "Indiquez un nombre d'heures, par exemple 6 ou 6,5."), RegularExpression(@"^\s*\d{1,3}([.,]\d{1,2})?\s*$", ErrorMessage = "Indiquez un nombre d'heures, par exemple 6 ou 6,5.")]
    public string? AttendanceHours { get; set; }

    public List<int> Terms { get; set; } = [];
    public List<WorkshopRow> Workshops { get; set; } = [];
    public List<FeeRow> Fees { get; set; } = [];
    public List<QuestionRow> Questions { get; set; } = [];

    public sealed class WorkshopRow
    {
        public int Id { get; set; }

        [StringLength(Workshop.TitleLength, ErrorMessage = "Le titre dépasse {1} caractères."), SingleLine]
        public string? Title { get; set; }

        [StringLength(Workshop.SummaryLength, ErrorMessage = "Le résumé dépasse {1} caractères.")]
        public string? Summary { get; set; }

        public DateTime? StartsAt { get; set; }
        public DateTime? EndsAt { get; set; }

        [Range(1, Event.MaxCapacity, ErrorMessage = "Le nombre de places va de {1} à {2}.")]
        public int? Capacity { get; set; }

        public bool Remove { get; set; }
    }

    public sealed class FeeRow
    {
        public int Id { get; set; }

        [StringLength(FeeCategory.LabelLength, ErrorMessage = "Le nom dépasse {1} caractères."), SingleLine]
        public string? Label { get; set; }

        [StringLength(10, ErrorMessage = "Indiquez un montant, par exemple 75 ou 37,50."), RegularExpression(@"^\s*\d{1,6}([.,]\d{1,2})?\s*\$?\s*$", ErrorMessage = "Indiquez un montant, par exemple 75 ou 37,50.")]
        public string? Amount { get; set; }

        public bool Remove { get; set; }
    }

    public sealed class QuestionRow
    {
        public int Id { get; set; }

        [StringLength(RegistrationQuestion.LabelLength, ErrorMessage = "La question dépasse {1} caractères."), SingleLine]
        public string? Label { get; set; }

        public QuestionKind Kind { get; set; }

        [StringLength(RegistrationQuestion.ChoicesLength, ErrorMessage = "Les choix dépassent {1} caractères.")]
        public string? Choices { get; set; }

        public bool Required { get; set; }
        public bool Remove { get; set; }
    }

    public static EventInput From(Event e) => new()
    {
        Title = e.Title, Description = e.Description, Place = e.Place, OnlineLink = e.OnlineLink,
        StartsAt = Local(e.StartsAt), EndsAt = Local(e.EndsAt), RegistrationOpensAt = Local(e.RegistrationOpensAt), RegistrationClosesAt = Local(e.RegistrationClosesAt),
        Capacity = e.Capacity, MembersOnly = e.MembersOnly, AttendanceHours = e.AttendanceHours == 0 ? null : e.AttendanceHours.ToString("0.##", FrenchText.Culture),
        Terms = e.Terms.Select(t => t.TermId).ToList(),
        Workshops = e.Workshops.OrderBy(w => w.StartsAt).ThenBy(w => w.Id).Select(w => new WorkshopRow
            { Id = w.Id, Title = w.Title, Summary = w.Summary, StartsAt = Local(w.StartsAt), EndsAt = Local(w.EndsAt), Capacity = w.Capacity }).ToList(),
        Fees = e.Fees.OrderBy(f => f.Position).Select(f => new FeeRow { Id = f.Id, Label = f.Label, Amount = f.Amount.ToString("0.##", FrenchText.Culture) }).ToList(),
        Questions = e.Questions.OrderBy(q => q.Position).Select(q => new QuestionRow
            { Id = q.Id, Label = q.Label, Kind = q.Kind, Choices = q.Choices, Required = q.Required }).ToList(),
    };

    /// <summary>Adds the empty rows the form offers for new workshops, fees and questions.</summary>
    public EventInput WithBlankRows()
    {
        for (var i = 0; i < BlankRows; i++)
        {
            if (Workshops.Count < MaxWorkshops) Workshops.Add(new WorkshopRow());
            if (Fees.Count < MaxFees) Fees.Add(new FeeRow());
            if (Questions.Count < MaxQuestions) Questions.Add(new QuestionRow());
        }
        return this;
    }

    public static DateTime? Local(DateTimeOffset? instant) => instant is { } i ? FrenchText.Local(i).DateTime : null;

    /// <summary>A time typed in Québec, as an instant (a time skipped by the spring change reads as the hour after).</summary>
    public static DateTimeOffset Instant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (FrenchText.Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return new DateTimeOffset(unspecified, FrenchText.Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>A number typed with a comma or a point (« 6,5 », « 37.50 $ »).</summary>
    public static decimal Number(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : decimal.Parse(text.Replace("$", "").Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture);
}
