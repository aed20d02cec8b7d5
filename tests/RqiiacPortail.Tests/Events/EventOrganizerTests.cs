using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using static RqiiacPortail.Tests.Events.EventSteps;

namespace RqiiacPortail.Tests.Events;

/// <summary>The organizer's side, through its pages: the event's form, publishing, the list and its export, the door, messages, cancelling.</summary>
public abstract class EventOrganizerTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<HttpClient> CoordinatorAsync(string section = "lanaudiere") =>
        await factory.SignedInAsync(await factory.CreateMemberAsync(section, (section, Roles.Coordinator)));

    /// <summary>Every field of the event's own form (the one without a handler) as the page shows it, with <paramref name="changes"/> applied.</summary>
    private static async Task<HttpResponseMessage> SubmitEventFormAsync(HttpClient client, string url, IDictionary<string, string> changes)
    {
        var page = await client.GetDocumentAsync(url);
        var form = page.QuerySelectorAll<IHtmlFormElement>("main form").First(f => !(f.GetAttribute("action") ?? "").Contains("handler=", StringComparison.Ordinal));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = element.GetAttribute("name");
            if (name is null || changes.ContainsKey(name)) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked) fields.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement input: fields.Add(new(name, input.Value)); break;
                case IHtmlTextAreaElement area: fields.Add(new(name, area.Value)); break;
                case IHtmlSelectElement select: fields.Add(new(name, select.Value ?? "")); break;
            }
        }
        fields.AddRange(changes);
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    private static string FieldError(IDocument page, string id) => page.QuerySelector($"[id='{id}-erreur']")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task TheNationalList_GathersEveryRegionsEvents_AndFiltersByRegion()
    {
        var laval = await factory.CreateEventAsync("laval", e => e.MembersOnly = true);
        var estrie = await factory.CreateEventAsync("estrie");
        var visitor = factory.CreatePortalClient();

        var all = await (await visitor.GetAsync("/evenements")).TextAsync();
        var onlyLaval = await visitor.GetDocumentAsync("/evenements?region=laval");
        var unknown = await (await visitor.GetAsync("/evenements?region=nulle-part")).TextAsync();

        Assert.Contains(laval.Title, all);
        Assert.Contains(estrie.Title, all);
        Assert.Contains(laval.Title, onlyLaval.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(estrie.Title, onlyLaval.QuerySelector("main")!.TextContent);
        Assert.NotNull(onlyLaval.QuerySelector("#region option[value=laval][selected]"));
        Assert.DoesNotContain(laval.Title, unknown);
        // The national home's block of coming events shows the regions' too.
        var home = (await visitor.GetDocumentAsync("/")).QuerySelector("#prochains-evenements")!.ParentElement!;
        Assert.Contains(home.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("/lanaudiere/evenements/", StringComparison.Ordinal)
            || a.GetAttribute("href")!.StartsWith("/laval/", StringComparison.Ordinal) || a.GetAttribute("href")!.StartsWith("/estrie/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACoordinator_CreatesADraft_WithWorkshopsFeesAndQuestions_ThenPublishesIt()
    {
        var coordinator = await CoordinatorAsync();
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var title = $"Journée régionale {Guid.NewGuid().ToString("N")[..6]}";

        var created = await SubmitEventFormAsync(coordinator, $"/admin/evenements/nouveau?section={lanaudiere.Id}", new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Description"] = "Une journée **d'échange**.<script>alert(1)</script>", ["Input.Place"] = "Joliette",
            ["Input.StartsAt"] = "2027-02-10T09:00", ["Input.EndsAt"] = "2027-02-10T16:00", ["Input.Capacity"] = "40", ["Input.AttendanceHours"] = "5,5",
            ["Input.Workshops[0].Title"] = "Atelier du matin", ["Input.Workshops[0].StartsAt"] = "2027-02-10T10:00", ["Input.Workshops[0].EndsAt"] = "2027-02-10T12:00",
            ["Input.Workshops[0].Capacity"] = "15",
            ["Input.Fees[0].Label"] = "Membre", ["Input.Fees[0].Amount"] = "37,50",
            ["Input.Questions[0].Label"] = "Mode de transport", ["Input.Questions[0].Kind"] = nameof(QuestionKind.Choice),
            ["Input.Questions[0].Choices"] = "Voiture\nAutobus", ["Input.Questions[0].Required"] = "true",
        });

        Assert.True(created.StatusCode == HttpStatusCode.Redirect, Html.Excerpt(await created.TextAsync()));
        var id = int.Parse(created.Headers.Location!.OriginalString.Split("/admin/evenements/")[1]);
        var e = await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().Include(x => x.Workshops).Include(x => x.Fees).Include(x => x.Questions).SingleAsync(x => x.Id == id));
        Assert.Equal((EventState.Draft, lanaudiere.Id, 40, 5.5m), (e.State, e.SectionId, e.Capacity, e.AttendanceHours));
        // 9 h in Joliette in February is 14 h UTC.
        Assert.Equal(new DateTimeOffset(2027, 2, 10, 14, 0, 0, TimeSpan.Zero), e.StartsAt);
        Assert.Equal(15, e.Workshops.Single().Capacity);
        Assert.Equal(37.50m, e.Fees.Single().Amount);
        Assert.Equal(["Voiture", "Autobus"], e.Questions.Single().Options);
        var visitor = factory.CreatePortalClient();
        Assert.DoesNotContain(title, (await visitor.GetDocumentAsync("/lanaudiere/evenements")).QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(PathOf(e))).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.SubmitFormAsync($"/admin/evenements/{id}", new Dictionary<string, string>(), "Publier")).StatusCode);

        var page = await visitor.GetDocumentAsync(PathOf(e));
        Assert.Contains("le 10 février 2027 de 9 h 00 à 16 h 00", page.QuerySelector("main")!.TextContent);
        Assert.Contains("<strong>d'échange</strong>", page.QuerySelector("main .description")!.InnerHtml);
        Assert.DoesNotContain("<script>alert(1)", page.QuerySelector("main")!.InnerHtml);
        Assert.Contains(title, (await visitor.GetDocumentAsync("/lanaudiere/evenements")).QuerySelector("main")!.TextContent);
        Assert.Contains("Membre : 37,50 $", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task APublishedEvent_IsFound_WithItsWorkshops_ADraftIsNot_AndItsTermsAreCounted()
    {
        var coordinator = await CoordinatorAsync();
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        // Words of this test alone: the PostgreSQL classes share one site and its index.
        var (inDescription, inWorkshop) = ("pelican" + Guid.NewGuid().ToString("N")[..8], "zeppelin" + Guid.NewGuid().ToString("N")[..8]);
        var term = await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Modules.Taxonomy.Term>().Where(t => t.Slug == "securite-alimentaire").Select(t => t.Id).SingleAsync());
        var created = await SubmitEventFormAsync(coordinator, $"/admin/evenements/nouveau?section={lanaudiere.Id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "Rencontre sur les cuisines collectives", ["Input.Description"] = $"Le mot rare est {inDescription}.", ["Input.Place"] = "Joliette",
            ["Input.StartsAt"] = "2027-03-10T09:00", ["Input.EndsAt"] = "2027-03-10T12:00", ["Input.Capacity"] = "30", ["Input.Terms"] = term.ToString(),
            ["Input.Workshops[0].Title"] = $"Atelier {inWorkshop}", ["Input.Workshops[0].StartsAt"] = "2027-03-10T10:00", ["Input.Workshops[0].EndsAt"] = "2027-03-10T11:00",
            ["Input.Workshops[0].Capacity"] = "10",
        });
        var id = int.Parse(created.Headers.Location!.OriginalString.Split("/admin/evenements/")[1]);
        var search = factory.Services.GetRequiredService<ISearch>();
        async Task<int> FoundAsync(string text, int wanted)
        {
            var total = 0;
            for (var i = 0; i < 50 && (total = (await search.SearchAsync(new(text, new Dictionary<string, string>()), SearchReader.Visitor)).Total) != wanted; i++)
                await Task.Delay(100);
            return total;
        }
        Assert.Equal(0, await FoundAsync(inDescription, 0));

        await coordinator.SubmitFormAsync($"/admin/evenements/{id}", new Dictionary<string, string>(), "Publier");

        Assert.Equal(1, await FoundAsync(inDescription, 1));
        Assert.Equal(1, await FoundAsync(inWorkshop, 1));
        var page = await factory.CreatePortalClient().GetDocumentAsync($"/recherche?q={inDescription}");
        Assert.Contains("Rencontre sur les cuisines collectives", page.QuerySelector("main")!.TextContent);
        await using var scope = factory.Services.CreateAsyncScope();
        var usage = scope.ServiceProvider.GetServices<ITermUsage>().Single(u => u.Label == "événements");
        Assert.True(await usage.CountAsync(term) >= 1);
    }

    [Fact]
    public async Task TheEventForm_RefusesBadInput_NextToItsField_AndKeepsWhatWasTyped()
    {
        var coordinator = await CoordinatorAsync();
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var url = $"/admin/evenements/nouveau?section={lanaudiere.Id}";
        var values = new Dictionary<string, string>
        {
            ["Input.Title"] = new string('t', Event.TitleLength + 1), ["Input.Place"] = "Joliette", ["Input.StartsAt"] = "2027-02-10T09:00",
            ["Input.EndsAt"] = "2027-02-10T08:00", ["Input.Capacity"] = "0", ["Input.OnlineLink"] = "javascript:alert(1)",
            ["Input.AttendanceHours"] = "beaucoup",
        };

        var refused = await SubmitEventFormAsync(coordinator, url, values);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.DocumentAsync();
        Assert.Contains("Le titre dépasse 200 caractères.", FieldError(page, "Input_Title"));
        Assert.Contains("Le nombre de places va de 1 à 10000.", FieldError(page, "Input_Capacity"));
        Assert.Contains("adresse web complète", FieldError(page, "Input_OnlineLink"));
        Assert.Contains("Indiquez un nombre d'heures", FieldError(page, "Input_AttendanceHours"));
        Assert.Equal("Joliette", page.QuerySelector("#Input_Place")!.GetAttribute("value"));

        values["Input.Title"] = "Titre correct"; values["Input.Capacity"] = "30"; values["Input.OnlineLink"] = ""; values["Input.AttendanceHours"] = "6";
        values["Input.Workshops[0].Title"] = "Hors de l'événement"; values["Input.Workshops[0].StartsAt"] = "2027-02-11T10:00";
        values["Input.Workshops[0].EndsAt"] = "2027-02-11T11:00"; values["Input.Workshops[0].Capacity"] = "5";
        var second = await (await SubmitEventFormAsync(coordinator, url, values)).DocumentAsync();
        Assert.Contains("La fin doit venir après le début.", FieldError(second, "Input_EndsAt"));
        Assert.False(await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().AnyAsync(x => x.Title == "Titre correct")));
        values["Input.EndsAt"] = "2027-02-10T16:00";
        var third = await (await SubmitEventFormAsync(coordinator, url, values)).DocumentAsync();
        Assert.Contains("L'atelier doit avoir lieu pendant l'événement.", FieldError(third, "Input_Workshops[0]_StartsAt"));
    }

    [Fact]
    public async Task Capacity_CannotDropBelowTheSeatsTaken_AndRaisingIt_OffersTheNewSeatsInOrder()
    {
        var e = await factory.CreateEventAsync(shape: x => x.Capacity = 2);
        var visitor = factory.CreatePortalClient();
        for (var i = 0; i < 4; i++) await visitor.RegisterAsync(e, $"Personne {i}", Visitor());
        var coordinator = await CoordinatorAsync();

        var lower = await SubmitEventFormAsync(coordinator, $"/admin/evenements/{e.Id}", new Dictionary<string, string> { ["Input.Capacity"] = "1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lower.StatusCode);
        Assert.Contains("2 places sont déjà prises", FieldError(await lower.DocumentAsync(), "Input_Capacity"));

        var raise = await SubmitEventFormAsync(coordinator, $"/admin/evenements/{e.Id}", new Dictionary<string, string> { ["Input.Capacity"] = "3" });
        Assert.Equal(HttpStatusCode.Redirect, raise.StatusCode);
        // The edit's unit of work raised the offer of the new seat (handled after its commit, never inside the request).
        Assert.True(await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Infrastructure.Events.OutboxEvent>()
            .AnyAsync(x => x.Type == nameof(EventSeatsChanged) && x.Payload.Contains($"\"EventId\":{e.Id}}}"))));
        await factory.EventsHandledAsync();
        var rows = await factory.RegistrationsAsync(e.Id);
        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Offered, RegistrationStatus.Waitlisted], rows.Select(r => r.Status));
        Assert.Equal(3, (await factory.ReloadAsync(e)).Taken);
    }

    [Fact]
    public async Task TheList_Filters_AndExportsACsv_WithAColumnPerQuestion()
    {
        Workshop w = null!;
        var e = await factory.CreateEventAsync(shape: x =>
        {
            x.Capacity = 2;
            w = x.AddWorkshop("Atelier filtré", 10);
            x.Questions.Add(new RegistrationQuestion { Label = "Allergies", Kind = QuestionKind.ShortText, Position = 0 });
            x.Questions.Add(new RegistrationQuestion { Label = "Souper", Kind = QuestionKind.YesNo, Position = 1 });
        });
        var allergies = e.Questions.Single(q => q.Label == "Allergies").Id;
        var supper = e.Questions.Single(q => q.Label == "Souper").Id;
        var visitor = factory.CreatePortalClient();
        await visitor.RegisterAsync(e, "Anne Aubin", Visitor(), new Dictionary<string, string>
            { [$"Input.Workshops[{SlotOf(w)}]"] = w.Id.ToString(), [$"Input.Answers[{allergies}]"] = "=HYPERLINK(\"x\")", [$"Input.Answers[{supper}]"] = "oui" });
        await visitor.RegisterAsync(e, "Bruno Bélanger", Visitor(), new Dictionary<string, string>
            { [$"Input.Answers[{supper}]"] = "non", [$"Input.Answers[{allergies}]"] = "arachides;=1+1, @SUM(A1) ;  -2" });
        await visitor.RegisterAsync(e, "Chloé Côté", Visitor());
        var coordinator = await CoordinatorAsync();

        string Names(IDocument page) => string.Join(",", page.QuerySelectorAll("main table tbody tr td:first-child").Select(td => td.FirstChild!.TextContent.Trim()));
        Assert.Equal("Anne Aubin,Bruno Bélanger,Chloé Côté", Names(await coordinator.GetDocumentAsync($"/admin/evenements/{e.Id}/inscriptions")));
        Assert.Equal("Chloé Côté", Names(await coordinator.GetDocumentAsync($"/admin/evenements/{e.Id}/inscriptions?statut=Waitlisted")));
        Assert.Equal("Anne Aubin", Names(await coordinator.GetDocumentAsync($"/admin/evenements/{e.Id}/inscriptions?atelier={w.Id}")));
        Assert.Equal("Bruno Bélanger", Names(await coordinator.GetDocumentAsync($"/admin/evenements/{e.Id}/inscriptions?texte=belanger")));
        var tooLong = await coordinator.GetAsync($"/admin/evenements/{e.Id}/inscriptions?texte={new string('x', 101)}");
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);

        var csv = await coordinator.GetAsync($"/admin/evenements/{e.Id}/inscriptions?handler=Csv");

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        using var reader = CsvReader.Create(await csv.Content.ReadAsByteArrayAsync(), new CsvReaderOptions { HasHeader = true, Separator = ';' });
        var records = new List<Dictionary<string, string>>();
        while (reader.Read()) records.Add(reader.Headers!.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i)));
        Assert.Equal(["Nom", "Courriel", "Employeur", "Statut", "Place en attente", "Frais", "Ateliers", "Inscrit le", "Présent", "Allergies", "Souper"], reader.Headers);
        Assert.Equal(["Anne Aubin", "Bruno Bélanger", "Chloé Côté"], records.Select(r => r["Nom"]));
        Assert.Equal("Atelier filtré", records[0]["Ateliers"]);
        Assert.Equal("oui", records[0]["Souper"]);
        Assert.Equal("non", records[1]["Souper"]);
        Assert.Equal("1", records[2]["Place en attente"]);
        // A formula typed as an answer stays text in a spreadsheet, even after a separator a spreadsheet splits on.
        Assert.StartsWith("'=", records[0]["Allergies"]);
        Assert.Equal("arachides;'=1+1, '@SUM(A1) ;  '-2", records[1]["Allergies"]);
        // Separated by « ; » for Excel in French, every field quoted, so that no separator inside one makes another column.
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("\"Nom\";\"Courriel\"", System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task TheDoor_MarksPeoplePresent_AndMessagesGoToAllOrToOneWorkshop()
    {
        Workshop w = null!;
        var e = await factory.CreateEventAsync(shape: x => w = x.AddWorkshop("Atelier écrit", 10));
        var visitor = factory.CreatePortalClient();
        var inWorkshop = Visitor();
        var other = Visitor();
        await visitor.RegisterAsync(e, "Dans l'atelier", inWorkshop, new Dictionary<string, string> { [$"Input.Workshops[{SlotOf(w)}]"] = w.Id.ToString() });
        await visitor.RegisterAsync(e, "Hors atelier", other);
        var organizer = await factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var coordinator = await factory.SignedInAsync(organizer);

        var door = await coordinator.GetDocumentAsync($"/admin/evenements/{e.Id}/accueil");
        Assert.Equal(2, door.QuerySelectorAll("main form[action*='handler=Presence']").Length);

        var all = await coordinator.SubmitFormAsync($"/admin/evenements/{e.Id}/inscriptions",
            new Dictionary<string, string> { ["Message.Subject"] = "Stationnement", ["Message.Body"] = "Le stationnement est gratuit.", ["Message.WorkshopId"] = "" }, "Ecrire");
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        var one = await coordinator.SubmitFormAsync($"/admin/evenements/{e.Id}/inscriptions",
            new Dictionary<string, string> { ["Message.Subject"] = "Salle changée", ["Message.Body"] = "L'atelier est en salle B.", ["Message.WorkshopId"] = w.Id.ToString() }, "Ecrire");
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        var forged = await coordinator.SubmitFormAsync($"/admin/evenements/{e.Id}/inscriptions",
            new Dictionary<string, string> { ["Message.Subject"] = "Atelier inconnu", ["Message.Body"] = "…", ["Message.WorkshopId"] = "999999" }, "Ecrire");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        await factory.EventsHandledAsync();

        Task<List<string>> Subjects(string to) => factory.WithDbAsync(db => db.Set<OutboxMail>().Include(m => m.Bulk).Where(m => m.To == to)
            .Select(m => m.Bulk != null ? m.Bulk.Subject : m.Subject).ToListAsync());
        Assert.Contains($"Stationnement — {e.Title}", await Subjects(inWorkshop));
        Assert.Contains($"Salle changée — {e.Title}", await Subjects(inWorkshop));
        Assert.Contains($"Stationnement — {e.Title}", await Subjects(other));
        Assert.DoesNotContain($"Salle changée — {e.Title}", await Subjects(other));
        Assert.DoesNotContain(await Subjects(other), s => s.StartsWith("Atelier inconnu", StringComparison.Ordinal));
        // Signed by the organizer, and a reply reaches them rather than the portal's address.
        var received = await Mailbox.WaitForAsync(other, m => m.Subject == $"Stationnement — {e.Title}");
        Assert.Equal(organizer.Email, Assert.Single(received.ReplyTo.Mailboxes).Address);
        Assert.Contains($"{organizer.DisplayName}, pour l'équipe organisatrice", received.TextBody);
        Assert.NotEqual(organizer.Email, received.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task CancellingTheEvent_TellsEveryRegistrant_WithTheReason_AndStopsRegistrations()
    {
        var e = await factory.CreateEventAsync();
        var member = await factory.CreateMemberAsync("lanaudiere");
        var memberClient = await factory.SignedInAsync(member);
        await memberClient.RegisterAsync(e);
        var visitorEmail = Visitor();
        await factory.CreatePortalClient().RegisterAsync(e, "Visiteuse", visitorEmail);
        var coordinator = await CoordinatorAsync();

        var cancelled = await coordinator.SubmitFormAsync($"/admin/evenements/{e.Id}", new Dictionary<string, string> { ["motif"] = "Tempête de neige annoncée." }, "Annuler");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        await factory.EventsHandledAsync();
        var told = await Mailbox.WaitForAsync(visitorEmail, m => m.Subject == $"Événement annulé : {e.Title}");
        Assert.Contains("Motif : Tempête de neige annoncée.", told.TextBody);
        await Mailbox.WaitForAsync(member.Email, m => m.Subject == $"Événement annulé : {e.Title}");
        Assert.Contains($"« {e.Title} » est annulé", (await memberClient.GetDocumentAsync("/notifications")).QuerySelector("main")!.TextContent);
        Assert.Contains("ANNULÉ", await factory.CreatePortalClient().GetStringAsync("/lanaudiere/evenements/calendrier.ics"));
        var form = await factory.CreatePortalClient().GetDocumentAsync($"{PathOf(e)}/inscription");
        Assert.Contains("Cet événement est annulé", form.QuerySelector("main [role=alert]")!.TextContent);
        var again = await coordinator.PostWithTokenAsync($"/admin/evenements/{e.Id}?handler=Publier", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("Un événement annulé ne peut pas être publié de nouveau.", await again.TextAsync());
    }
}

public sealed class SqliteEventOrganizerTests(SqlitePortalFactory factory) : EventOrganizerTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventOrganizerTests(PostgresPortalFactory factory) : EventOrganizerTests<PostgresPortalFactory>(factory);
