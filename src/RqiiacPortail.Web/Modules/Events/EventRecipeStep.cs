using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Recipes;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// <c>{"name": "events", "events": [{"section": "00", "title": …, "description": …, "place": …, "online": …, "inDays": 30,
/// "startHour": 9, "hours": 7, "days": 1, "capacity": 120, "membersOnly": false, "attendanceHours": 6.5, "draft": false,
/// "terms": ["champs-pratique/logement"], "fees": [{"label": …, "amount": 75}], "workshops": [{"title": …, "description": …,
/// "day": 1, "startHour": 13, "hours": 2, "capacity": 25}], "questions": [{"label": …, "kind": "ShortText|Choice|YesNo",
/// "choices": [...], "required": false}]}]}</c>. Dates are given from the day the recipe runs, so sample events are
/// always ahead. An event whose title exists in its section is left alone: applying the recipe again adds nothing.
/// </summary>
internal sealed class EventRecipeStep(PortalDbContext db, ISectionLookup sections, ITaxonomy taxonomy, IIndexQueue index, TimeProvider clock) : IRecipeStep
{
    public string Name => "events";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var all = await sections.AllAsync(ct);
        var terms = (await taxonomy.ReadThroughAsync(ct)).SelectMany(v => v.Terms.Select(t => (Key: $"{v.Key}/{t.Slug}", t.Id))).ToDictionary(x => x.Key, x => x.Id);
        var today = EventInput.Local(clock.GetUtcNow())!.Value.Date;
        foreach (var item in context.Step.Array("events"))
        {
            var section = item.OptionalString("section", 8) is { } code
                ? all.FirstOrDefault(s => s.Code == code) ?? throw item.Fail("section", $"aucune section n'a le code « {code} ».")
                : all.FirstOrDefault(s => s.Id == context.TargetSectionId) ?? throw item.Fail("section", "une section est requise hors d'une recette de section.");
            var title = item.String("title", Event.TitleLength);
            if (await db.Set<Event>().AcrossSections().AnyAsync(e => e.SectionId == section.Id && e.Title == title, ct)) continue;
            var day = today.AddDays(Number(item, "inDays", 30));
            var start = day.AddHours(Number(item, "startHour", 9));
            var hours = Number(item, "hours", 7);
            var days = Math.Max(1, (int)Number(item, "days", 1));
            var now = clock.GetUtcNow();
            var e = new Event
            {
                SectionId = section.Id, Title = title, Description = item.OptionalMarkdown("description", Event.DescriptionLength) ?? "",
                Place = item.OptionalString("place", Event.PlaceLength), OnlineLink = item.OptionalString("online", Event.LinkLength),
                StartsAt = EventInput.Instant(start), EndsAt = EventInput.Instant(start.AddDays(days - 1).AddHours(hours)),
                Capacity = (int)Number(item, "capacity", 100), MembersOnly = item.Bool("membersOnly", false),
                AttendanceHours = (decimal)Number(item, "attendanceHours", 0), State = item.Bool("draft", false) ? EventState.Draft : EventState.Published,
                CreatedAt = now, UpdatedAt = now,
            };
            foreach (var (term, i) in item.Strings("terms").Select((t, i) => (t, i)))
                e.Terms.Add(new EventTerm { TermId = terms.TryGetValue(term, out var id) ? id : throw item.Fail($"terms[{i}]", $"terme inconnu « {term} » (forme vocabulaire/terme).") });
            var position = 0;
            foreach (var fee in item.Array("fees", required: false))
                e.Fees.Add(new FeeCategory { Label = fee.String("label", FeeCategory.LabelLength), Amount = (decimal)Number(fee, "amount", 0), Position = position++ });
            foreach (var w in item.Array("workshops", required: false))
            {
                var ws = day.AddDays(Number(w, "day", 1) - 1).AddHours(Number(w, "startHour", 13));
                e.Workshops.Add(new Workshop
                {
                    Title = w.String("title", Workshop.TitleLength), Summary = w.OptionalString("summary", Workshop.SummaryLength),
                    StartsAt = EventInput.Instant(ws), EndsAt = EventInput.Instant(ws.AddHours(Number(w, "hours", 2))), Capacity = (int)Number(w, "capacity", 25),
                });
            }
            position = 0;
            foreach (var q in item.Array("questions", required: false))
            {
                if (!Enum.TryParse<QuestionKind>(q.OptionalString("kind", 20) ?? "ShortText", out var kind)) throw q.Fail("kind", "ShortText, Choice ou YesNo est attendu.");
                e.Questions.Add(new RegistrationQuestion
                {
                    Label = q.String("label", RegistrationQuestion.LabelLength), Kind = kind, Required = q.Bool("required", false), Position = position++,
                    Choices = kind == QuestionKind.Choice ? string.Join('\n', q.Strings("choices", RegistrationQuestion.AnswerLength)) : null,
                });
            }
            db.Add(e);
            await db.SaveChangesAsync(ct);
            index.Enqueue(EventEditor.SearchType, EventEditor.Key(e.Id));
            await db.SaveChangesAsync(ct);
        }
    }

    private static double Number(RecipeReader item, string field, double fallback) => item.Number(field, fallback, 0, Event.MaxCapacity);
}
