using RqiiacPortail.Web.Infrastructure.Rules;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Search.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>The event was cancelled: every registrant is told, in the background (there may be hundreds).</summary>
public sealed record EventCancelled(int EventId, string? Reason = null);

/// <summary>An organizer edited a published event: seats it now has free (a larger capacity) go to those waiting, in the background.</summary>
public sealed record EventSeatsChanged(int EventId);

/// <summary>
/// Offers what an edit freed to the waiting list, after the edit's commit, whoever handles it: a crash between the
/// edit and the offers no longer leaves people waiting beside free seats (the event is retried until done).
/// Offering is idempotent: only seats still free are offered.
/// </summary>
internal sealed class EventSeatsFill(Registrar registrar) : Infrastructure.Events.IEventHandler<EventSeatsChanged>
{
    public async Task HandleAsync(EventSeatsChanged changed, Infrastructure.Events.EventBatches batches, CancellationToken ct)
    {
        if (await registrar.EventAsync(changed.EventId, ct) is { } e) await registrar.FillAsync(e, ct);
    }
}

/// <summary>An organizer wrote to the registrants (all, or one workshop's): the body is stored once as a bulk mail.</summary>
/// <param name="ReplyTo">The organizer's address, as a Reply-To header's value: registrants' answers go to them, not to the portal.</param>
public sealed record RegistrantsWritten(int EventId, long BulkId, int? WorkshopId, string? ReplyTo = null);

/// <summary>
/// What organizers do to an event: create and change it (its workshops, fees and questions with it), publish it,
/// cancel it, write to its registrants. A change that would lose what registrants gave (a workshop someone chose,
/// a question someone answered, fewer seats than are taken) is refused with the reason.
/// </summary>
public sealed class EventEditor(PortalDbContext db, IIndexQueue index, IEventOutbox events, IMailOutbox outbox,
    GenerationInterceptor generations, AuditLog audit, TimeProvider clock)
{
    public const string SearchType = "evenement";
    public const string AuditArea = "evenements";

    public async Task<(Event? Event, IReadOnlyList<Refusal> Refusals)> SaveAsync(ClaimsPrincipal actor, int sectionId, Event? existing, EventInput input,
        IReadOnlySet<int> knownTerms, CancellationToken ct)
    {
        var refusals = Check(existing, input, knownTerms);
        if (refusals.Count > 0) return (null, refusals);
        var now = clock.GetUtcNow();
        Event e;
        if (existing is null)
        {
            e = new Event { SectionId = sectionId, Title = "", State = EventState.Draft, CreatedAt = now };
            db.Add(e);
        }
        else
        {
            e = await db.Set<Event>().AcrossSections().Include(x => x.Workshops).Include(x => x.Fees).Include(x => x.Questions).Include(x => x.Terms)
                .AsSplitQuery().FirstAsync(x => x.Id == existing.Id, ct);
            var answered = await db.Set<RegistrationAnswer>().Where(a => e.Questions.Select(q => q.Id).Contains(a.QuestionId)).Select(a => a.QuestionId).Distinct().ToListAsync(ct);
            var chosen = await db.Set<RegistrationWorkshop>().Where(c => e.Workshops.Select(w => w.Id).Contains(c.WorkshopId)).Select(c => c.WorkshopId).Distinct().ToListAsync(ct);
            foreach (var row in input.Workshops.Where(r => r.Remove && chosen.Contains(r.Id)))
                refusals.Add(new($"Input.Workshops[{input.Workshops.IndexOf(row)}].Remove", "Des inscrits ont choisi cet atelier : il ne peut pas être retiré."));
            foreach (var row in input.Questions.Where(r => r.Remove && answered.Contains(r.Id)))
                refusals.Add(new($"Input.Questions[{input.Questions.IndexOf(row)}].Remove", "Des inscrits ont répondu à cette question : elle ne peut pas être retirée."));
            if (input.Capacity < e.Taken) refusals.Add(new("Input.Capacity", $"{e.Taken} places sont déjà prises : la capacité ne peut pas descendre en dessous."));
            foreach (var (row, i) in input.Workshops.Select((r, i) => (r, i)))
                if (!row.Remove && e.Workshops.FirstOrDefault(w => w.Id == row.Id) is { } w && row.Capacity < w.Taken)
                    refusals.Add(new($"Input.Workshops[{i}].Capacity", $"{w.Taken} places de cet atelier sont prises : sa capacité ne peut pas descendre en dessous."));
            if (refusals.Count > 0) return (null, refusals);
        }

        e.Title = input.Title.Trim();
        e.Description = input.Description?.Trim() ?? "";
        e.Place = Blank(input.Place);
        e.OnlineLink = Blank(input.OnlineLink);
        e.StartsAt = EventInput.Instant(input.StartsAt!.Value);
        e.EndsAt = EventInput.Instant(input.EndsAt!.Value);
        e.RegistrationOpensAt = input.RegistrationOpensAt is { } opens ? EventInput.Instant(opens) : null;
        e.RegistrationClosesAt = input.RegistrationClosesAt is { } closes ? EventInput.Instant(closes) : null;
        e.Capacity = input.Capacity;
        e.MembersOnly = input.MembersOnly;
        e.AttendanceHours = EventInput.Number(input.AttendanceHours);
        e.UpdatedAt = now;
        e.Terms.RemoveAll(t => !input.Terms.Contains(t.TermId));
        e.Terms.AddRange(input.Terms.Distinct().Where(t => e.Terms.All(x => x.TermId != t)).Select(t => new EventTerm { TermId = t }));

        foreach (var row in input.Workshops.Where(r => !string.IsNullOrWhiteSpace(r.Title) || r.Id != 0))
        {
            var w = e.Workshops.FirstOrDefault(x => x.Id == row.Id && row.Id != 0);
            if (row.Remove) { if (w is not null) e.Workshops.Remove(w); continue; }
            if (w is null) e.Workshops.Add(w = new Workshop { Title = "" });
            w.Title = row.Title!.Trim();
            w.Summary = Blank(row.Summary);
            w.StartsAt = EventInput.Instant(row.StartsAt!.Value);
            w.EndsAt = EventInput.Instant(row.EndsAt!.Value);
            w.Capacity = row.Capacity!.Value;
        }
        var position = 0;
        foreach (var row in input.Fees.Where(r => !string.IsNullOrWhiteSpace(r.Label) || r.Id != 0))
        {
            var f = e.Fees.FirstOrDefault(x => x.Id == row.Id && row.Id != 0);
            if (row.Remove) { if (f is not null) e.Fees.Remove(f); continue; }
            if (f is null) e.Fees.Add(f = new FeeCategory { Label = "" });
            (f.Label, f.Amount, f.Position) = (row.Label!.Trim(), EventInput.Number(row.Amount), position++);
        }
        position = 0;
        foreach (var row in input.Questions.Where(r => !string.IsNullOrWhiteSpace(r.Label) || r.Id != 0))
        {
            var q = e.Questions.FirstOrDefault(x => x.Id == row.Id && row.Id != 0);
            if (row.Remove) { if (q is not null) e.Questions.Remove(q); continue; }
            if (q is null) e.Questions.Add(q = new RegistrationQuestion { Label = "" });
            (q.Label, q.Kind, q.Required, q.Position) = (row.Label!.Trim(), row.Kind, row.Required, position++);
            q.Choices = row.Kind == QuestionKind.Choice ? string.Join('\n', Options(row.Choices)) : null;
        }

        var saved = await db.InTransactionAsync(async tx =>
        {
            await db.SaveChangesAsync(ct);
            // Checked again once written: a seat taken since the form's check must not leave more seats held than
            // the new capacity (the update waited for that registration's commit, or it waits for this one's).
            if (existing is not null && (await db.Set<Event>().AcrossSections().AnyAsync(x => x.Id == e.Id && x.Taken > x.Capacity, ct)
                                         || await db.Set<Workshop>().AnyAsync(w => w.EventId == e.Id && w.Taken > w.Capacity, ct)))
            {
                await tx.RollbackAsync(ct);
                return false;
            }
            index.Enqueue(SearchType, e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            // More seats than before (the event's, a workshop's) go to those waiting: raised with the edit, handled after.
            if (existing is not null && e.State == EventState.Published) events.Raise(new EventSeatsChanged(e.Id));
            audit.Write(actor, new AuditRecord(AuditArea, existing is null ? "creation" : "modification", $"Événement « {e.Title} » {(existing is null ? "créé" : "modifié")}", SectionId: e.SectionId));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
        if (!saved)
        {
            db.ChangeTracker.Clear();
            return (null, [new("Input.Capacity", "Des places viennent d'être prises : la capacité ne peut pas descendre sous les places prises. Rechargez la page.")]);
        }
        return (e, []);
    }

    public async Task<string?> PublishAsync(ClaimsPrincipal actor, Event e, CancellationToken ct)
    {
        if (e.State == EventState.Cancelled) return "Un événement annulé ne peut pas être publié de nouveau.";
        if (e.State == EventState.Published) return null;
        await ChangeStateAsync(actor, e, EventState.Published, "publication", "publié", ct);
        return null;
    }

    /// <summary>Cancels the event: registrations stop, every registrant is told (in the background), the calendars show it cancelled.</summary>
    public async Task<string?> CancelAsync(ClaimsPrincipal actor, Event e, string? reason, CancellationToken ct)
    {
        const string already = "Cet événement est déjà annulé.";
        if (e.State == EventState.Cancelled) return already;
        var cancelled = await db.InTransactionAsync(async tx =>
        {
            // Conditional on the state it had: of two organizers cancelling at once, one cancels, and registrants
            // are told once; a draft's cancellation tells no one.
            var row = db.Set<Event>().AcrossSections().Where(x => x.Id == e.Id);
            var wasPublished = await row.Where(x => x.State == EventState.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, EventState.Cancelled).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct) == 1;
            if (!wasPublished && await row.Where(x => x.State == EventState.Draft)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, EventState.Cancelled).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct) == 0)
                return false;
            if (wasPublished) events.Raise(new EventCancelled(e.Id, reason));
            index.Enqueue(SearchType, Key(e.Id));
            audit.Write(actor, new AuditRecord(AuditArea, "annulation", $"Événement « {e.Title} » annulé", reason, SectionId: e.SectionId));
            generations.Touch(db, EventsModule.Area);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
        return cancelled ? null : already;
    }

    /// <summary>Queues a message to the event's living registrations (one workshop's, or all), sent in the background.</summary>
    public async Task WriteAsync(ClaimsPrincipal actor, Event e, int? workshopId, string subject, string text, CancellationToken ct)
    {
        var body = new MailBody(subject);
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            body.Paragraph(paragraph);
        // Signed by the organizer, whom a reply reaches (the portal's address stays the sender, as mail servers require).
        var name = TextLimits.Clamp(new string((actor.FindFirstValue("display_name") ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim(), PersonName.MaxLength);
        var email = actor.FindFirstValue(ClaimTypes.Email);
        if (name.Length > 0) body.Paragraph($"{name}, pour l'équipe organisatrice{(email is null ? "" : " : répondez à ce courriel pour lui écrire")}.");
        body.Paragraph($"Vous recevez ce message parce que vous êtes inscrit·e à « {e.Title} ».");
        var replyTo = email is null ? null : new MimeKit.MailboxAddress(name, email).ToString();
        // The message and the event that delivers it commit together: never a message saved that nobody sends.
        await db.InTransactionAsync(async tx =>
        {
            var bulk = outbox.StartBulk($"{subject} — {e.Title}", body.Render());
            await db.SaveChangesAsync(ct);
            events.Raise(new RegistrantsWritten(e.Id, bulk.Id, workshopId, replyTo));
            audit.Write(actor, new AuditRecord(AuditArea, "message", $"Message « {subject} » aux inscrits de « {e.Title} »", SectionId: e.SectionId));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }, ct);
    }

    private async Task ChangeStateAsync(ClaimsPrincipal actor, Event e, EventState state, string action, string done, CancellationToken ct)
    {
        await db.Set<Event>().AcrossSections().Where(x => x.Id == e.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state).SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct);
        index.Enqueue(SearchType, Key(e.Id));
        audit.Write(actor, new AuditRecord(AuditArea, action, $"Événement « {e.Title} » {done}", SectionId: e.SectionId));
        generations.Touch(db, EventsModule.Area);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The form's rules that need no database.</summary>
    public static List<Refusal> Check(Event? existing, EventInput input, IReadOnlySet<int> knownTerms)
    {
        var refusals = new List<Refusal>();
        if (input.StartsAt is { } starts && input.EndsAt is { } ends)
        {
            if (ends <= starts) refusals.Add(new("Input.EndsAt", "La fin doit venir après le début."));
            if (input.RegistrationClosesAt is { } closes && closes > starts) refusals.Add(new("Input.RegistrationClosesAt", "Les inscriptions doivent fermer au plus tard au début de l'événement."));
            if (input.RegistrationOpensAt is { } opens && opens >= (input.RegistrationClosesAt ?? starts))
                refusals.Add(new("Input.RegistrationOpensAt", "Les inscriptions doivent ouvrir avant de fermer."));
        }
        if (input.Terms.Any(t => !knownTerms.Contains(t))) refusals.Add(new("", "Un des thèmes choisis n'existe pas. Rechargez la page et recommencez."));
        if (input.Workshops.Count > EventInput.MaxWorkshops || input.Fees.Count > EventInput.MaxFees || input.Questions.Count > EventInput.MaxQuestions)
            refusals.Add(new("", $"Un événement compte au plus {EventInput.MaxWorkshops} ateliers, {EventInput.MaxFees} catégories de frais et {EventInput.MaxQuestions} questions."));
        foreach (var (row, i) in input.Workshops.Select((r, i) => (r, i)))
        {
            var field = $"Input.Workshops[{i}]";
            if (row.Id != 0 && existing?.Workshops.All(w => w.Id != row.Id) != false) { refusals.Add(new($"{field}.Title", "Cet atelier n'appartient pas à l'événement.")); continue; }
            if (row.Remove || (string.IsNullOrWhiteSpace(row.Title) && row.Id == 0)) continue;
            if (string.IsNullOrWhiteSpace(row.Title)) refusals.Add(new($"{field}.Title", "Donnez un titre à l'atelier."));
            if (row.StartsAt is not { } ws) refusals.Add(new($"{field}.StartsAt", "Indiquez le début de l'atelier."));
            if (row.EndsAt is not { } we) refusals.Add(new($"{field}.EndsAt", "Indiquez la fin de l'atelier."));
            else if (row.StartsAt is { } s && we <= s) refusals.Add(new($"{field}.EndsAt", "La fin de l'atelier doit venir après son début."));
            else if (input.StartsAt is { } es && input.EndsAt is { } ee && (row.StartsAt < es || we > ee))
                refusals.Add(new($"{field}.StartsAt", "L'atelier doit avoir lieu pendant l'événement."));
            if (row.Capacity is null) refusals.Add(new($"{field}.Capacity", "Indiquez le nombre de places de l'atelier."));
        }
        foreach (var (row, i) in input.Fees.Select((r, i) => (r, i)))
        {
            if (row.Id != 0 && existing?.Fees.All(f => f.Id != row.Id) != false) refusals.Add(new($"Input.Fees[{i}].Label", "Cette catégorie n'appartient pas à l'événement."));
            else if (!row.Remove && row.Id != 0 && string.IsNullOrWhiteSpace(row.Label)) refusals.Add(new($"Input.Fees[{i}].Label", "Nommez la catégorie de frais."));
        }
        foreach (var (row, i) in input.Questions.Select((r, i) => (r, i)))
        {
            var field = $"Input.Questions[{i}]";
            if (row.Id != 0 && existing?.Questions.All(q => q.Id != row.Id) != false) { refusals.Add(new($"{field}.Label", "Cette question n'appartient pas à l'événement.")); continue; }
            if (row.Remove || string.IsNullOrWhiteSpace(row.Label)) { if (!row.Remove && row.Id != 0) refusals.Add(new($"{field}.Label", "Écrivez la question.")); continue; }
            if (!Enum.IsDefined(row.Kind)) refusals.Add(new($"{field}.Kind", "Choisissez le genre de réponse."));
            var options = Options(row.Choices);
            if (row.Kind == QuestionKind.Choice && options.Count < 2) refusals.Add(new($"{field}.Choices", "Donnez au moins deux choix, un par ligne."));
            if (options.Count > RegistrationQuestion.MaxChoices) refusals.Add(new($"{field}.Choices", $"Au plus {RegistrationQuestion.MaxChoices} choix."));
            if (options.Any(o => o.Length > RegistrationQuestion.AnswerLength || o.Any(SingleLineAttribute.IsHidden)))
                refusals.Add(new($"{field}.Choices", "Un des choix est trop long ou contient un caractère invisible."));
        }
        return refusals;
    }

    private static List<string> Options(string? choices) =>
        (choices ?? "").ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string StateLabel(EventState state) => state switch { EventState.Draft => "Brouillon", EventState.Published => "Publié", _ => "Annulé" };

    public static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
