using System.Net;
using System.Text;
using System.Text.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using UglyToad.PdfPig;
using static RqiiacPortail.Tests.Events.EventSteps;

namespace RqiiacPortail.Tests.Events;

/// <summary>Registering, as members and visitors do it through the pages, and what they receive.</summary>
public abstract class RegistrationTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<(TestAccount Account, HttpClient Client)> MemberAsync(string home = "lanaudiere", params (string, string)[] roles)
    {
        var account = await factory.CreateMemberAsync(home, roles);
        return (account, await factory.SignedInAsync(account));
    }

    private static Calendar Ics(byte[] bytes) => Calendar.Load(Encoding.UTF8.GetString(bytes))!;

    [Fact]
    public async Task AMember_IsRegisteredAsTheirAccountSays_AndReceivesTheConfirmation_WithTheEventForTheirCalendar()
    {
        Workshop first = null!;
        var e = await factory.CreateEventAsync(shape: x =>
        {
            first = x.AddWorkshop("Analyse du milieu", 10);
            x.Fees.Add(new FeeCategory { Label = "Membre", Amount = 120, Position = 0 });
            x.Questions.Add(new RegistrationQuestion { Label = "Restrictions alimentaires", Kind = QuestionKind.ShortText, Position = 0 });
        });
        var (account, client) = await MemberAsync();
        var fee = e.Fees.Single().Id;
        var question = e.Questions.Single().Id;

        var form = await client.GetDocumentAsync($"{PathOf(e)}/inscription");
        Assert.Contains("d'après votre compte", form.QuerySelector("main form")!.TextContent);
        Assert.Equal("CISSS de test", form.QuerySelector("#Input_Employer")!.GetAttribute("value"));
        // A forged name and address are not taken: the account's are.
        var code = await client.RegisterAsync(e, "Quelqu'un d'autre", "autre@exemple.ca", new Dictionary<string, string>
        {
            ["Input.FeeId"] = fee.ToString(), [$"Input.Workshops[{SlotOf(first)}]"] = first.Id.ToString(), [$"Input.Answers[{question}]"] = "Végétarien",
        });

        var r = await factory.RegistrationAsync(code);
        Assert.Equal((RegistrationStatus.Confirmed, account.Email, account.UserId, true, fee), (r.Status, r.Email, r.UserId, r.EmailConfirmed, r.FeeId!.Value));
        Assert.True(r.Workshops.Single().Held);
        Assert.Equal("Végétarien", r.Answers.Single().Value);
        var mail = await Mailbox.WaitForAsync(account.Email, m => m.Subject.StartsWith("Inscription confirmée", StringComparison.Ordinal));
        Assert.Contains("Atelier : Analyse du milieu.", mail.TextBody);
        Assert.Contains("/lanaudiere/evenements/inscriptions/", Mailbox.Link(mail, code));
        var attachment = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("evenement.ics", attachment.FileName);
        using var ics = new MemoryStream();
        await attachment.Content.DecodeToAsync(ics);
        var invitation = Assert.Single(Ics(ics.ToArray()).Events);
        Assert.Equal(e.Title, invitation.Summary);
        Assert.Equal(e.StartsAt.UtcDateTime, invitation.DtStart!.AsUtc);
        Assert.Equal(e.EndsAt.UtcDateTime, invitation.DtEnd!.AsUtc);
        Assert.Equal("Joliette", invitation.Location);
        Assert.StartsWith($"evenement-{e.Id}@", invitation.Uid);
        Assert.Contains(PathOf(e), invitation.Url!.ToString());

        // Registering again shows the registration rather than a second form.
        var again = await client.GetAsync($"{PathOf(e)}/inscription");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains(code, again.Headers.Location!.OriginalString);
        Assert.Contains(code, (await client.GetDocumentAsync("/evenements/mes-inscriptions")).QuerySelector("main table")!.InnerHtml);

        // « Mon inscription » says the fee and the answers given, offers the event for one's calendar, and « Mes
        // inscriptions » is in the account's menu.
        var mine = await client.GetDocumentAsync($"/evenements/inscriptions/{code}");
        var details = mine.QuerySelector("main dl.meta")!.TextContent;
        Assert.Contains("Membre : 120,00", details);
        Assert.Contains("Restrictions alimentaires", details);
        Assert.Contains("Végétarien", details);
        var agenda = await client.GetAsync($"/evenements/inscriptions/{code}?handler=Agenda");
        Assert.Equal("text/calendar", agenda.Content.Headers.ContentType!.MediaType);
        Assert.Equal(e.Title, Assert.Single(Ics(await agenda.Content.ReadAsByteArrayAsync()).Events).Summary);
        Assert.Contains(mine.QuerySelectorAll("header a"), a => a.TextContent.Trim() == "Mes inscriptions" && a.GetAttribute("href") == "/evenements/mes-inscriptions");
    }

    [Fact]
    public async Task AMemberWithTheLongestName_Registers()
    {
        var e = await factory.CreateEventAsync();
        var (account, client) = await MemberAsync();
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Set<RqiiacPortail.Web.Modules.Members.PortalUser>().SingleAsync(u => u.Id == account.UserId);
            (user.FirstName, user.LastName) = (new string('A', 100), new string('B', 100));
            return await db.SaveChangesAsync();
        });

        var code = await client.RegisterAsync(e);

        Assert.Equal(201, (await factory.RegistrationAsync(code)).Name.Length);
        await Mailbox.WaitForAsync(account.Email, m => m.Subject.StartsWith("Inscription confirmée", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVisitor_HoldsTheSeatAnHour_UntilTheyConfirmTheirAddress()
    {
        var e = await factory.CreateEventAsync(shape: x => { x.Capacity = 1; x.OnlineLink = "https://visio.exemple.ca/salle"; x.Place = null; });
        var visitor = factory.CreatePortalClient();
        var email = Visitor();

        var code = await visitor.RegisterAsync(e, "Camille Tremblay", email);

        var r = await factory.RegistrationAsync(code);
        Assert.Equal(RegistrationStatus.Confirmed, r.Status);
        Assert.False(r.EmailConfirmed);
        Assert.NotNull(r.HoldUntil);
        var ask = await Mailbox.WaitForAsync(email, m => m.Subject.StartsWith("Confirmez votre adresse", StringComparison.Ordinal));
        var link = new Uri(Mailbox.Link(ask, code));
        // The online link is for confirmed registrants only: not on the public page, not before the address is confirmed.
        Assert.DoesNotContain("visio.exemple.ca", await (await visitor.GetAsync(PathOf(e))).BodyAsync());
        var page = await visitor.GetDocumentAsync($"/evenements/inscriptions/{code}");
        Assert.DoesNotContain("visio.exemple.ca", page.QuerySelector("main")!.InnerHtml);

        // The page shown after the form asks to check the mailbox, and cannot confirm: neither its address, nor a
        // post or a link with a made-up key, holds the seat.
        var after = page.QuerySelector("main")!;
        Assert.Contains("Vérifiez votre boîte de courriel", after.TextContent);
        Assert.DoesNotContain(after.QuerySelectorAll("button, a"), b => b.TextContent.Contains("Confirmer", StringComparison.Ordinal));
        var token = after.QuerySelector("form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.PostAsync($"/evenements/inscriptions/{code}?handler=Confirmer",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))).StatusCode);
        foreach (var forged in new[] { "", "abc", new string('x', 5000), Uri.EscapeDataString(code) })
            Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync($"/evenements/inscriptions/{code}?handler=Confirmer&cle={forged}")).StatusCode);
        Assert.False((await factory.RegistrationAsync(code)).EmailConfirmed);
        // Another registration's key does not confirm this one.
        var otherCode = await factory.CreatePortalClient().RegisterAsync(e, "Autre Personne", Visitor());
        var otherKey = Mailbox.Link(await Mailbox.WaitForAsync((await factory.RegistrationAsync(otherCode)).Email, m => m.Subject.StartsWith("Confirmez votre adresse", StringComparison.Ordinal)), otherCode).Split("cle=")[1];
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync($"/evenements/inscriptions/{code}?handler=Confirmer&cle={otherKey}")).StatusCode);
        Assert.False((await factory.RegistrationAsync(code)).EmailConfirmed);

        // The e-mail's link confirms in one click, on any browser.
        Assert.Contains("handler=Confirmer", link.Query);
        var phone = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync(link.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync(link.PathAndQuery)).StatusCode); // twice: nothing more

        r = await factory.RegistrationAsync(code);
        Assert.True(r.EmailConfirmed);
        Assert.Null(r.HoldUntil);
        var confirmed = await Mailbox.WaitForAsync(email, m => m.Subject.StartsWith("Inscription confirmée", StringComparison.Ordinal));
        Assert.Contains("https://visio.exemple.ca/salle", confirmed.TextBody);
        Assert.Contains("visio.exemple.ca/salle", (await phone.GetDocumentAsync($"/evenements/inscriptions/{code}")).QuerySelector("main")!.InnerHtml);
    }

    [Fact]
    public async Task RegisteringAfterTheClosing_OrTwiceWithOneAddress_OrWithForgedChoices_IsRefusedInFrench()
    {
        Workshop a = null!, b = null!;
        var e = await factory.CreateEventAsync(shape: x =>
        {
            a = x.AddWorkshop("Atelier A", 5);
            b = x.AddWorkshop("Atelier B", 5); // the same slot as A
            x.Questions.Add(new RegistrationQuestion { Label = "Transport", Kind = QuestionKind.Choice, Choices = "Voiture\nAutobus", Required = true, Position = 0 });
        });
        Workshop elsewhere = null!;
        var other = await factory.CreateEventAsync(shape: x => elsewhere = x.AddWorkshop("Atelier d'un autre événement", 5));
        var question = e.Questions.Single().Id;
        var client = factory.CreatePortalClient();
        var email = Visitor();
        var answer = new Dictionary<string, string> { [$"Input.Answers[{question}]"] = "Voiture" };

        async Task<string> RefusedAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return await response.TextAsync();
        }

        // A required answer missing, and one that is not among the choices.
        Assert.Contains("Répondez à la question « Transport ».", await RefusedAsync(await client.TryRegisterAsync(e, "Alex", email)));
        Assert.Contains("Choisissez une des réponses proposées", await RefusedAsync(await client.TryRegisterAsync(e, "Alex", email,
            new Dictionary<string, string> { [$"Input.Answers[{question}]"] = "Hélicoptère" })));
        // A workshop of another event, posted under this event's slot.
        Assert.Contains("Cet atelier n'est pas offert à cet événement.", await RefusedAsync(await client.TryRegisterAsync(e, "Alex", email,
            new Dictionary<string, string>(answer) { [$"Input.Workshops[{SlotOf(a)}]"] = elsewhere.Id.ToString() })));
        // Two workshops of one slot, the second posted under a made-up key.
        Assert.Contains("Un seul atelier par période", await RefusedAsync(await client.TryRegisterAsync(e, "Alex", email,
            new Dictionary<string, string>(answer) { [$"Input.Workshops[{SlotOf(a)}]"] = a.Id.ToString(), ["Input.Workshops[autre]"] = b.Id.ToString() })));
        // Over-long and markup-laden fields.
        var tooLong = await client.TryRegisterAsync(e, new string('x', Registration.NameLength + 1), email, answer);
        Assert.Contains("Le nom dépasse", await RefusedAsync(tooLong));
        Assert.Empty(await factory.RegistrationsAsync(e.Id));

        await client.RegisterAsync(e, "<script>alert(1)</script> Alex", email, answer);
        var twice = await client.TryRegisterAsync(e, "Alex encore", email.ToUpperInvariant(), answer);
        var page = await twice.DocumentAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("Une inscription à cet événement existe déjà avec cette adresse courriel.", page.QuerySelector("#Input_Email-erreur")!.TextContent);
        Assert.Single(await factory.RegistrationsAsync(e.Id));
        var list = await (await MemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator))).Client.GetAsync($"/admin/evenements/{e.Id}/inscriptions");
        var html = await list.BodyAsync();
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;script&gt;", html);

        // Closed: the form says so, and a post made anyway (from the form loaded before) is refused.
        var token = (await client.GetDocumentAsync($"{PathOf(e)}/inscription")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegistrationClosesAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var closedForm = await client.GetDocumentAsync($"{PathOf(e)}/inscription");
        Assert.Contains("Les inscriptions sont closes", closedForm.QuerySelector("main [role=alert]")!.TextContent);
        var late = await client.PostAsync($"{PathOf(e)}/inscription", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Input.Name", "Retard"), new("Input.Email", Visitor()), new($"Input.Answers[{question}]", "Voiture")]));
        Assert.Contains("Les inscriptions sont closes", await RefusedAsync(late));
        Assert.Single(await factory.RegistrationsAsync(e.Id));
        Assert.Empty(await factory.RegistrationsAsync(other.Id));
    }

    [Fact]
    public async Task ForgedValues_InEveryEventFormAndAddress_AreRefusedWithoutAnErrorPage()
    {
        var e = await factory.CreateEventAsync(shape: x => x.Questions.Add(new RegistrationQuestion { Label = "Q", Kind = QuestionKind.ShortText }));
        var visitor = factory.CreatePortalClient();
        var code = await visitor.RegisterAsync(e, "Forgée", Visitor());
        var coordinator = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator)));
        var token = (await visitor.GetDocumentAsync($"{PathOf(e)}/inscription")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // Keys and values no form makes: not numbers, unknown ids, a thousand workshops.
        var forged = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token), new("Input.Name", "Forgée deux"), new("Input.Email", Visitor()),
            new("Input.FeeId", "pas-un-nombre"), new("Input.Answers[abc]", "x"), new("Input.Workshops[x]", "99999999999999"),
        };
        forged.AddRange(Enumerable.Range(0, 900).Select(i => new KeyValuePair<string, string>($"Input.Workshops[k{i}]", (1_000_000 + i).ToString())));
        var response = await visitor.PostAsync($"{PathOf(e)}/inscription", new FormUrlEncodedContent(forged));
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}");
        Assert.Single(await factory.RegistrationsAsync(e.Id));

        foreach (var url in new[]
                 {
                     $"/admin/evenements/{e.Id}/inscriptions?statut=Nimporte&atelier=abc", $"/admin/evenements/{e.Id}/inscriptions?texte={new string('x', 500)}",
                     $"/admin/evenements/{e.Id}/inscriptions?handler=Csv&statut=999", $"/admin/evenements/{e.Id}/accueil?inscription=abc",
                     "/admin/evenements/nouveau?section=abc", "/admin/evenements/nouveau?section=999999", "/admin/evenements/abc",
                 })
        {
            var page = await coordinator.GetAsync(url);
            Assert.True((int)page.StatusCode is 200 or (>= 400 and < 500), $"{url}: {(int)page.StatusCode}");
        }
        foreach (var url in new[] { $"/evenements/inscriptions/{new string('a', 300)}", "/evenements/calendrier/" + new string('b', 300) + ".ics",
                     "/evenements/99999999999-x", "/evenements/abc/inscription", $"/evenements/inscriptions/{code}?handler=Attestation" })
        {
            var page = await visitor.GetAsync(url);
            Assert.True((int)page.StatusCode is >= 400 and < 500, $"{url}: {(int)page.StatusCode}");
        }
        // The door with someone of another event, and a forged "present": nothing moves.
        var other = await factory.CreateEventAsync();
        var otherCode = await visitor.RegisterAsync(other, "Ailleurs", Visitor());
        var otherId = (await factory.RegistrationAsync(otherCode)).Id;
        var door = await coordinator.PostWithTokenAsync($"/admin/evenements/{e.Id}/accueil?handler=Presence&inscription={otherId}", new Dictionary<string, string> { ["present"] = "peut-être" });
        Assert.True((int)door.StatusCode is 302 or (>= 400 and < 500), $"{(int)door.StatusCode}");
        Assert.Null((await factory.RegistrationAsync(otherCode)).PresentAt);
    }

    [Fact]
    public async Task CancellingAfterTheEventStarted_IsRefused_AndTheSeatStays()
    {
        var e = await factory.CreateEventAsync();
        var client = factory.CreatePortalClient();
        var code = await client.RegisterAsync(e, "Dominique", Visitor());
        var token = (await client.GetDocumentAsync($"/evenements/inscriptions/{code}")).QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddHours(-1)).SetProperty(x => x.EndsAt, DateTimeOffset.UtcNow.AddHours(5))));

        var response = await client.PostAsync($"/evenements/inscriptions/{code}?handler=Annuler", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("L'événement a commencé : l'inscription ne peut plus être annulée.", await response.TextAsync());
        Assert.Equal(RegistrationStatus.Confirmed, (await factory.RegistrationAsync(code)).Status);
        Assert.Equal(1, (await factory.ReloadAsync(e)).Taken);
    }

    [Fact]
    public async Task AFullEvent_PutsTheRegistrantInLine_ACancellationOffersTheSeat_AndTheFirstInLineAcceptsIt()
    {
        var e = await factory.CreateEventAsync(shape: x => x.Capacity = 1);
        var (holder, holderClient) = await MemberAsync();
        var (waiting, waitingClient) = await MemberAsync("monteregie");
        var holderCode = await holderClient.RegisterAsync(e);
        var eventPage = await waitingClient.GetDocumentAsync(PathOf(e));
        Assert.Equal("complet", eventPage.QuerySelector("main [data-seats-left]")!.TextContent);

        var code = await waitingClient.RegisterAsync(e);

        Assert.Equal(RegistrationStatus.Waitlisted, (await factory.RegistrationAsync(code)).Status);
        Assert.Contains("Liste d'attente : vous êtes en position 1", (await waitingClient.GetDocumentAsync($"/evenements/inscriptions/{code}")).QuerySelector("main")!.TextContent);
        await Mailbox.WaitForAsync(waiting.Email, m => m.Subject.StartsWith("Liste d'attente", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await holderClient.ActAsync(holderCode, "Annuler")).StatusCode);

        var offer = await factory.RegistrationAsync(code);
        Assert.Equal(RegistrationStatus.Offered, offer.Status);
        Assert.InRange(offer.HoldUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromHours(47.9), TimeSpan.FromHours(48));
        var told = await Mailbox.WaitForAsync(waiting.Email, m => m.Subject.StartsWith("Une place s'est libérée", StringComparison.Ordinal));
        Assert.Contains(code, Mailbox.Link(told, "/evenements/inscriptions/"));
        await factory.EventsHandledAsync();
        var bell = await waitingClient.GetDocumentAsync("/notifications");
        Assert.Contains($"Une place vous est offerte à « {e.Title} »", bell.QuerySelector("main")!.TextContent);
        await Mailbox.WaitForAsync(holder.Email, m => m.Subject.StartsWith("Inscription annulée", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await waitingClient.ActAsync(code, "Accepter")).StatusCode);

        Assert.Equal(RegistrationStatus.Confirmed, (await factory.RegistrationAsync(code)).Status);
        Assert.Equal(1, (await factory.ReloadAsync(e)).Taken);
        await Mailbox.WaitForAsync(waiting.Email, m => m.Subject.StartsWith("Inscription confirmée", StringComparison.Ordinal) && m.Attachments.Any());
    }

    [Fact]
    public async Task LeavingAFullWorkshop_GivesItsSeat_ToTheOneWaitingForIt()
    {
        Workshop small = null!, other = null!;
        var e = await factory.CreateEventAsync(shape: x => { small = x.AddWorkshop("Petit atelier", 1); other = x.AddWorkshop("Autre atelier", 10); });
        var choose = (Workshop w) => new Dictionary<string, string> { [$"Input.Workshops[{SlotOf(w)}]"] = w.Id.ToString() };
        var client = factory.CreatePortalClient();
        var firstCode = await client.RegisterAsync(e, "Première", Visitor(), choose(small));
        var secondEmail = Visitor();
        var secondCode = await factory.CreatePortalClient().RegisterAsync(e, "Deuxième", secondEmail, choose(small));
        Assert.False((await factory.RegistrationAsync(secondCode)).Workshops.Single().Held);

        var moved = await client.ActAsync(firstCode, "Ateliers", new Dictionary<string, string> { [$"Workshops[{SlotOf(other)}]"] = other.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(other.Id, (await factory.RegistrationAsync(firstCode)).Workshops.Single(w => w.Held).WorkshopId);
        Assert.True((await factory.RegistrationAsync(secondCode)).Workshops.Single().Held);
        var saved = await factory.ReloadAsync(e);
        Assert.Equal([1, 1], saved.Workshops.OrderBy(w => w.Id).Select(w => w.Taken));
        await Mailbox.WaitForAsync(secondEmail, m => m.Subject.Contains("Petit atelier", StringComparison.Ordinal) || (m.TextBody ?? "").Contains("Petit atelier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFeeds_ListTheSectionsPublicEvents_AndAMembersOwn_AtAnAddressTheyCanRenew()
    {
        var published = await factory.CreateEventAsync(shape: x => x.OnlineLink = "https://visio.exemple.ca/secret");
        var draft = await factory.CreateEventAsync(shape: x => x.State = EventState.Draft);
        var visitor = factory.CreatePortalClient();

        var feed = await visitor.GetAsync("/lanaudiere/evenements/calendrier.ics");
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var calendar = Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Contains(calendar.Events, x => x.Summary == published.Title);
        Assert.DoesNotContain(calendar.Events, x => x.Summary == draft.Title);
        Assert.DoesNotContain("visio.exemple.ca", await feed.Content.ReadAsStringAsync());
        // The national feed has the network's public events, the regions' included.
        var national = Calendar.Load(await visitor.GetStringAsync("/evenements/calendrier.ics"))!;
        Assert.Contains(national.Events, x => x.Summary == published.Title);
        Assert.Contains(national.Events, x => x.Summary!.StartsWith("Colloque national du RQIIAC", StringComparison.Ordinal));

        var (_, member) = await MemberAsync();
        await member.RegisterAsync(published);
        Assert.Equal(HttpStatusCode.Redirect, (await member.SubmitFormAsync("/evenements/mes-inscriptions", new Dictionary<string, string>(), "Calendrier")).StatusCode);
        var address = (await member.GetDocumentAsync("/evenements/mes-inscriptions")).QuerySelector("main input[readonly], main code")!;
        var url = new Uri(address.GetAttribute("value") ?? address.TextContent.Trim());
        var privateFeed = await visitor.GetAsync(url.PathAndQuery);
        Assert.True(privateFeed.Headers.CacheControl?.NoStore, "a private feed is kept by no cache");
        var mine = Calendar.Load(await privateFeed.Content.ReadAsStringAsync())!;
        var entry = Assert.Single(mine.Events);
        // The member's data copy holds the feed's address.
        using (var copy = JsonDocument.Parse(await member.GetStringAsync("/compte/donnees")))
            Assert.Equal(url.AbsolutePath, copy.RootElement.GetProperty("evenements").GetProperty("calendrierPrive").GetProperty("adresse").GetString());
        Assert.Equal(published.Title, entry.Summary);
        Assert.Contains("https://visio.exemple.ca/secret", entry.Description);

        await member.SubmitFormAsync("/evenements/mes-inscriptions", new Dictionary<string, string>(), "Calendrier");
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url.PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/evenements/calendrier/pas-un-secret.ics")).StatusCode);
    }

    [Fact]
    public async Task AfterTheEvent_ARegistrantMarkedPresent_DownloadsTheirAttestation()
    {
        var e = await factory.CreateEventAsync(shape: x => x.AttendanceHours = 6.5m);
        var (account, member) = await MemberAsync();
        var (_, absentClient) = await MemberAsync();
        var code = await member.RegisterAsync(e);
        var absent = await absentClient.RegisterAsync(e);
        var (_, coordinator) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var r = await factory.RegistrationAsync(code);

        var marked = await coordinator.PostWithTokenAsync($"/admin/evenements/{e.Id}/accueil?handler=Presence&inscription={r.Id}",
            new Dictionary<string, string> { ["present"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        Assert.NotNull((await factory.RegistrationAsync(code)).PresentAt);
        // Before the end: not yet.
        Assert.Equal(HttpStatusCode.Conflict, (await member.GetAsync($"/evenements/inscriptions/{code}?handler=Attestation")).StatusCode);

        await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddDays(-2)).SetProperty(x => x.EndsAt, DateTimeOffset.UtcNow.AddDays(-2).AddHours(7))));
        var response = await member.GetAsync($"/evenements/inscriptions/{code}?handler=Attestation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Attestation de participation", text);
        Assert.Contains($"Membre {account.Email.Split('@')[0].Split('-')[1]}", text);
        Assert.Contains("CISSS de test", text);
        Assert.Contains(e.Title, text);
        Assert.Contains("Heures de formation continue : 6,5 h", text);
        Assert.Contains("RQIIAC – Lanaudière", text);
        var refused = await absentClient.GetAsync($"/evenements/inscriptions/{absent}?handler=Attestation");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("présence a été notée à l'accueil", await refused.TextAsync());
    }

    [Fact]
    public async Task AfterTheEvent_TheOrganizerSendsEveryAttestationAtOnce_EachPresentPersonIsToldOnce_AndSeesWhoHasTheirs()
    {
        var e = await factory.CreateEventAsync(shape: x => x.AttendanceHours = 3);
        var (account, member) = await MemberAsync();
        var (absentAccount, absentClient) = await MemberAsync();
        var code = await member.RegisterAsync(e);
        await absentClient.RegisterAsync(e);
        var visitorEmail = $"visiteuse-{Guid.NewGuid():N}@exemple.test";
        var visitorCode = await factory.CreatePortalClient().RegisterAsync(e, "Visiteuse Présente", visitorEmail);
        await factory.WithDbAsync(db => db.Set<Registration>().Where(x => x.Code == visitorCode).ExecuteUpdateAsync(s => s.SetProperty(x => x.EmailConfirmed, true)));
        var (_, coordinator) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        foreach (var present in new[] { code, visitorCode })
        {
            var r = await factory.RegistrationAsync(present);
            await coordinator.PostWithTokenAsync($"/admin/evenements/{e.Id}/accueil?handler=Presence&inscription={r.Id}", new Dictionary<string, string> { ["present"] = "true" });
        }
        var list = $"/admin/evenements/{e.Id}/inscriptions";

        // Before the end: explained, nothing sent.
        // Before the end the page offers no button; a post made anyway is refused with the reason.
        var early = await coordinator.PostWithTokenAsync($"{list}?handler=Attestations", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("Les attestations s'envoient une fois l'événement terminé.", (await early.DocumentAsync()).QuerySelector("section.attestations [role=alert]")!.TextContent);

        await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.StartsAt, DateTimeOffset.UtcNow.AddDays(-1)).SetProperty(x => x.EndsAt, DateTimeOffset.UtcNow.AddDays(-1).AddHours(3))));
        var before = await coordinator.GetDocumentAsync(list);
        Assert.Contains("2 personnes présentes · 0 avisée par courriel · 0 attestation téléchargée", before.QuerySelector("#attestations")!.ParentElement!.TextContent);
        Assert.Contains("prête, non envoyée", before.QuerySelector("main table")!.TextContent);

        var sent = await coordinator.SubmitFormAsync(list, new Dictionary<string, string>(), "Attestations");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await factory.EventsHandledAsync();
        var told = await Mailbox.WaitForAsync(account.Email, m => m.Subject == $"Votre attestation : {e.Title}");
        Assert.Equal($"http://localhost:5080/lanaudiere/evenements/inscriptions/{code}?handler=Attestation", Mailbox.Link(told, "handler=Attestation"));
        await Mailbox.WaitForAsync(visitorEmail, m => m.Subject == $"Votre attestation : {e.Title}");
        Assert.Contains($"Votre attestation de participation à « {e.Title} » est prête", (await member.GetDocumentAsync("/notifications")).QuerySelector("main")!.TextContent);

        // Pressed again (another tab, another instance): no one is told twice.
        var again = await coordinator.PostWithTokenAsync($"{list}?handler=Attestations", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("ont déjà été avisées", (await again.DocumentAsync()).QuerySelector("section.attestations [role=alert]")!.TextContent);
        await factory.EventsHandledAsync();
        Assert.Single(Mailbox.All(account.Email), m => m.Subject == $"Votre attestation : {e.Title}");
        Assert.DoesNotContain(Mailbox.All(absentAccount.Email), m => m.Subject.StartsWith("Votre attestation", StringComparison.Ordinal));

        // The member downloads theirs: the organizer sees it.
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/evenements/inscriptions/{code}?handler=Attestation")).StatusCode);
        var after = await coordinator.GetDocumentAsync(list);
        Assert.Contains("2 personnes présentes · 2 avisées par courriel · 1 attestation téléchargée", after.QuerySelector("#attestations")!.ParentElement!.TextContent);
        var rows = after.QuerySelectorAll("main table tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains(rows, row => row.Contains("Visiteuse Présente") && row.Contains("envoyée le"));
        Assert.Contains(rows, row => row.Contains(account.Email) && row.Contains("téléchargée le"));
        Assert.Contains("Attestations de « " + e.Title, (await coordinator.GetDocumentAsync("/admin/journal")).QuerySelector("main table")!.TextContent);
    }

    [Fact]
    public async Task TheAttestation_CarriesTheAssociationsName_AndNeverSplitsATimeOrADate()
    {
        var e = await factory.CreateEventAsync(shape: x =>
        {
            x.Title = "Journée régionale sur la concertation intersectorielle en milieu rural et urbain";
            x.Place = "Salle communautaire du centre-ville, 123, rue Principale, Joliette";
        });
        var (_, member) = await MemberAsync();
        var code = await member.RegisterAsync(e);
        var (_, coordinator) = await MemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var r = await factory.RegistrationAsync(code);
        await coordinator.PostWithTokenAsync($"/admin/evenements/{e.Id}/accueil?handler=Presence&inscription={r.Id}", new Dictionary<string, string> { ["present"] = "true" });
        await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.StartsAt, new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero)).SetProperty(x => x.EndsAt, new DateTimeOffset(2026, 11, 27, 20, 30, 0, TimeSpan.Zero))));

        var response = await member.GetAsync($"/evenements/inscriptions/{code}?handler=Attestation");

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var page = pdf.GetPage(1);
        // Letters gathered by the line they sit on (spaces are not letters in a PDF: compared without them).
        var lines = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).GroupBy(l => Math.Round(l.StartBaseLine.Y)).OrderByDescending(g => g.Key)
            .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value))).ToList();
        Assert.Contains(lines, line => line.Contains("Regroupementquébécoisdesintervenantesetintervenants"));
        // 9 h 00 to 15 h 30, Québec time: each hour whole on one line, as is the date.
        Assert.Contains(lines, line => line.Contains("9h00"));
        Assert.Contains(lines, line => line.Contains("15h30"));
        Assert.Contains(lines, line => line.Contains("27novembre2026"));
    }

    [Fact]
    public async Task AMembersCopy_HoldsTheirRegistrations_AndClosingTheAccount_GivesTheSeatOn()
    {
        var e = await factory.CreateEventAsync(shape: x =>
        {
            x.Capacity = 1;
            x.Questions.Add(new RegistrationQuestion { Label = "Besoins d'accessibilité", Kind = QuestionKind.ShortText, Position = 0 });
        });
        var (account, member) = await MemberAsync();
        var question = e.Questions.Single().Id;
        var code = await member.RegisterAsync(e, more: new Dictionary<string, string> { [$"Input.Answers[{question}]"] = "Fauteuil roulant" });
        var next = await factory.CreatePortalClient().RegisterAsync(e, "Suivante", Visitor());

        using (var copy = JsonDocument.Parse(await member.GetStringAsync("/compte/donnees")))
        {
            var mine = copy.RootElement.GetProperty("evenements").GetProperty("inscriptions")[0];
            Assert.Equal(e.Title, mine.GetProperty("evenement").GetString());
            Assert.Equal("Fauteuil roulant", mine.GetProperty("reponses")[0].GetProperty("reponse").GetString());
        }
        var closed = await member.SubmitFormAsync("/compte/supprimer", new Dictionary<string, string> { ["Input.Password"] = account.Password, ["Input.Understood"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var gone = await factory.RegistrationAsync(code);
        Assert.Equal((RegistrationStatus.Cancelled, "Personne retirée", "", (string?)null), (gone.Status, gone.Name, gone.Email, gone.UserId));
        Assert.Empty(gone.Answers);
        Assert.Equal(RegistrationStatus.Offered, (await factory.RegistrationAsync(next)).Status);
    }

    [Fact]
    public async Task TheNationalRecipe_PublishesTheColloquium_AndTheRegionsDay_OnTheirPages()
    {
        var visitor = factory.CreatePortalClient();
        var national = (await visitor.GetDocumentAsync("/evenements")).QuerySelector("main")!.TextContent;
        Assert.Contains("Colloque national du RQIIAC", national);
        Assert.Contains("Webinaire : le cadre de référence en pratique", national);
        // Members only is about registering: the national list gathers every region's events, this one with its region named.
        Assert.Contains("Journée d'échange régionale de Lanaudière", national);
        var lanaudiere = (await visitor.GetDocumentAsync("/lanaudiere/evenements")).QuerySelector("main")!.TextContent;
        Assert.Contains("Journée d'échange régionale de Lanaudière", lanaudiere);
        Assert.Contains("Webinaire : le cadre de référence en pratique", (await visitor.GetDocumentAsync("/")).QuerySelector("#prochains-evenements")!.ParentElement!.TextContent);
        var colloquium = await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().Include(x => x.Workshops).Include(x => x.Fees).Include(x => x.Questions)
            .SingleAsync(x => x.Title.StartsWith("Colloque national")));
        Assert.Equal((250, 4, 3, 3), (colloquium.Capacity, colloquium.Workshops.Count, colloquium.Fees.Count, colloquium.Questions.Count));
        // A members-only event sends a visitor to sign in before the form.
        var day = await factory.WithDbAsync(db => db.Set<Event>().AcrossSections().SingleAsync(x => x.Title == "Journée d'échange régionale de Lanaudière"));
        var form = await visitor.GetAsync($"{PathOf(day)}/inscription");
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Contains("/compte/connexion", form.Headers.Location!.OriginalString);
    }
}

public sealed class SqliteRegistrationTests(SqlitePortalFactory factory) : RegistrationTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRegistrationTests(PostgresPortalFactory factory) : RegistrationTests<PostgresPortalFactory>(factory);
