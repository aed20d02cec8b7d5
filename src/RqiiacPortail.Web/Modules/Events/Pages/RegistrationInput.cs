using System.ComponentModel.DataAnnotations;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Events.Pages;

/// <summary>The registration form: who (a member's name and address come from their account), the fee, workshops, answers.</summary>
public sealed class RegistrationInput
{
    [Required(ErrorMessage = "Indiquez votre nom."), StringLength(Registration.NameLength, ErrorMessage = "Le nom dépasse {1} caractères."), SingleLine]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre adresse courriel."), StringLength(Registration.EmailLength, ErrorMessage = "L'adresse dépasse {1} caractères."), MailAddress]
    public string Email { get; set; } = "";

    [StringLength(200, ErrorMessage = "L'employeur dépasse {1} caractères."), SingleLine]
    public string? Employer { get; set; }

    public int? FeeId { get; set; }

    /// <summary>The workshop chosen in each time slot (a radio group per slot), by the slot's key.</summary>
    public Dictionary<string, int?> Workshops { get; set; } = [];

    public Dictionary<int, string?> Answers { get; set; } = [];

    public const int MaxPostedItems = 100;

    public RegistrationRequest ToRequest() => new(Name, Email, Employer, FeeId,
        Workshops.Values.Where(v => v is > 0).Select(v => v!.Value).Take(MaxPostedItems).ToList(), Answers.Take(MaxPostedItems).ToDictionary());

    /// <summary>The key of a workshop's time slot in the form (workshops sharing their times are one choice).</summary>
    public static string SlotKey(Workshop w) => $"{w.StartsAt.UtcTicks}-{w.EndsAt.UtcTicks}";
}
