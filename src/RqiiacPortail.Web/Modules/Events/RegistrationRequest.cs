using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>What a registrant sends: who, the fee category, the workshops, the answers (by question id).</summary>
public sealed record RegistrationRequest(string Name, string Email, string? Employer, int? FeeId, IReadOnlyCollection<int> WorkshopIds,
    IReadOnlyDictionary<int, string?> Answers);

/// <summary>The registration form's rules that need no database: which choices and answers an event takes.</summary>
public static class RegistrationRules
{
    public const string Yes = "oui", No = "non";

    /// <returns>Why registering is not possible now, in French, or null.</returns>
    public static string? Closed(Event e, DateTimeOffset now)
    {
        if (e.State == EventState.Cancelled) return "Cet événement est annulé : il ne prend plus d'inscriptions.";
        if (e.State != EventState.Published) return "Cet événement n'est pas encore publié.";
        if (now >= e.StartsAt) return "Cet événement a commencé : les inscriptions sont closes.";
        if (e.RegistrationOpensAt is { } opens && now < opens) return $"Les inscriptions ouvriront le {FrenchText.DateTime(opens)}.";
        if (e.RegistrationClosesAt is { } closes && now >= closes) return $"Les inscriptions sont closes depuis le {FrenchText.DateTime(closes)}.";
        return null;
    }

    /// <summary>The choices and answers of <paramref name="request"/> that this event does not take.</summary>
    public static List<Refusal> Check(Event e, RegistrationRequest request)
    {
        var refusals = new List<Refusal>();
        if (e.Fees.Count > 0 && (request.FeeId is not { } fee || e.Fees.All(f => f.Id != fee)))
            refusals.Add(new("FeeId", "Choisissez votre catégorie de frais."));
        refusals.AddRange(CheckWorkshops(e, request.WorkshopIds));
        foreach (var q in e.Questions)
        {
            var field = $"Answers[{q.Id}]";
            var answer = request.Answers.GetValueOrDefault(q.Id)?.Trim();
            if (string.IsNullOrEmpty(answer))
            {
                if (q.Required) refusals.Add(new(field, $"Répondez à la question « {q.Label} »."));
                continue;
            }
            if (answer.Length > RegistrationQuestion.AnswerLength)
                refusals.Add(new(field, $"La réponse dépasse {RegistrationQuestion.AnswerLength} caractères."));
            else if (answer.Any(SingleLineAttribute.IsHidden))
                refusals.Add(new(field, "La réponse ne peut contenir ni retour à la ligne, ni caractère de contrôle ou invisible."));
            else if (q.Kind == QuestionKind.Choice && !q.Options.Contains(answer))
                refusals.Add(new(field, "Choisissez une des réponses proposées."));
            else if (q.Kind == QuestionKind.YesNo && answer is not (Yes or No))
                refusals.Add(new(field, "Répondez par oui ou par non."));
        }
        return refusals;
    }

    /// <summary>Workshops of this event only, at most one per time slot.</summary>
    public static List<Refusal> CheckWorkshops(Event e, IReadOnlyCollection<int> workshopIds)
    {
        var refusals = new List<Refusal>();
        var chosen = new List<Workshop>();
        foreach (var id in workshopIds.Distinct())
        {
            if (e.Workshops.FirstOrDefault(w => w.Id == id) is not { } workshop)
            {
                refusals.Add(new("WorkshopIds", "Cet atelier n'est pas offert à cet événement."));
                continue;
            }
            if (chosen.FirstOrDefault(c => c.Overlaps(workshop)) is { } other)
                refusals.Add(new("WorkshopIds", $"Un seul atelier par période : « {other.Title} » et « {workshop.Title} » ont lieu en même temps."));
            chosen.Add(workshop);
        }
        return refusals;
    }

    /// <summary>The answers worth keeping: trimmed, empty ones left out, only this event's questions.</summary>
    public static IEnumerable<RegistrationAnswer> Answers(Event e, RegistrationRequest request) =>
        e.Questions.Select(q => (q, Value: request.Answers.GetValueOrDefault(q.Id)?.Trim()))
            .Where(a => !string.IsNullOrEmpty(a.Value))
            .Select(a => new RegistrationAnswer { QuestionId = a.q.Id, Value = a.Value! });
}
