using System.Net;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Events;
using static RqiiacPortail.Tests.Events.EventSteps;

namespace RqiiacPortail.Tests.Events;

/// <summary>
/// Capacity under load, through the site's own form: registrations arrive all at once, as the morning a colloquium
/// opens, and the seats still add up. The posts share one visitor's session (one antiforgery token), each with its
/// own name and address.
/// </summary>
public abstract class RegistrationConcurrencyTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static async Task<HttpResponseMessage[]> RegisterAllAsync(HttpClient client, Event e, int count, Workshop? workshop)
    {
        var form = await client.GetDocumentAsync($"{PathOf(e)}/inscription");
        var token = form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var slot = workshop is null ? null : form.QuerySelector($"main form input[type=radio][value='{workshop.Id}']")!.GetAttribute("name")!;
        var posts = Enumerable.Range(1, count).Select(i =>
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("__RequestVerificationToken", token), new("Input.Name", $"Personne {i}"), new("Input.Email", $"personne-{i}-{e.Id}@exemple.ca"),
            };
            if (slot is not null) fields.Add(new(slot, workshop!.Id.ToString()));
            return client.PostAsync($"{PathOf(e)}/inscription", new FormUrlEncodedContent(fields));
        });
        return await Task.WhenAll(posts);
    }

    [Fact]
    public async Task ThreeHundredAtOnce_ForAHundredSeats_ConfirmAHundred_AndPutTwoHundredInLine_InArrivalOrder()
    {
        Workshop small = null!;
        var e = await factory.CreateEventAsync(shape: x => { x.Capacity = 100; small = x.AddWorkshop("Atelier de vingt places", 20); });
        var client = factory.CreatePortalClient();

        var responses = await RegisterAllAsync(client, e, 300, small);

        var statuses = responses.GroupBy(r => (int)r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(statuses.Keys.SequenceEqual([302]), "Answers: " + string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}")));
        var rows = await factory.RegistrationsAsync(e.Id);
        Assert.Equal(300, rows.Count);
        // Arrival numbers are 1…300 with no gap, and seats went to the first hundred of them.
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), rows.Select(r => r.Arrival));
        Assert.All(rows.Take(100), r => Assert.Equal(RegistrationStatus.Confirmed, r.Status));
        Assert.All(rows.Skip(100), r => Assert.Equal(RegistrationStatus.Waitlisted, r.Status));
        var saved = await factory.ReloadAsync(e);
        Assert.Equal(100, saved.Taken);
        Assert.Equal(300, saved.Arrivals);
        // The workshop: twenty seats to the first twenty, every other choice waits for the workshop.
        Assert.Equal(20, saved.Workshops.Single().Taken);
        Assert.Equal(rows.Take(20).Select(r => r.Id), rows.Where(r => r.Workshops.Single().Held).Select(r => r.Id));

        // A place in line is the arrival's rank among those waiting: the 150th is 50th in line.
        var page = await client.GetDocumentAsync($"/evenements/inscriptions/{rows[149].Code}");
        Assert.Contains("Liste d'attente : vous êtes en position 50", page.QuerySelector("main")!.TextContent);
        Assert.Equal("complet", (await client.GetDocumentAsync(PathOf(e))).QuerySelector("main [data-seats-left]")!.TextContent);
    }

    [Fact]
    public async Task TwoCancellationsAtTheSameMoment_OfferTwoSeats_ToTheFirstTwoInLine()
    {
        var e = await factory.CreateEventAsync(shape: x => x.Capacity = 10);
        var client = factory.CreatePortalClient();
        Assert.All(await RegisterAllAsync(client, e, 15, null), r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var rows = await factory.RegistrationsAsync(e.Id);
        var leaving = new[] { rows[2], rows[7] };
        // A second tab of the first one's page, kept open.
        var tab = factory.CreatePortalClient();
        var stale = await tab.GetDocumentAsync($"/evenements/inscriptions/{leaving[0].Code}");
        var staleToken = stale.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var cancelled = await Task.WhenAll(leaving.Select(r => factory.CreatePortalClient().ActAsync(r.Code, "Annuler")));

        Assert.All(cancelled, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        rows = await factory.RegistrationsAsync(e.Id);
        Assert.Equal([RegistrationStatus.Offered, RegistrationStatus.Offered, RegistrationStatus.Waitlisted],
            rows.Skip(10).Take(3).Select(r => r.Status));
        Assert.Equal(2, rows.Count(r => r.Status == RegistrationStatus.Offered));
        Assert.Equal(10, (await factory.ReloadAsync(e)).Taken);

        // Both accept at once: two confirmed, still ten seats held, none beyond.
        var accepted = await Task.WhenAll(rows.Skip(10).Take(2).Select(r => factory.CreatePortalClient().ActAsync(r.Code, "Accepter")));
        Assert.All(accepted, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        rows = await factory.RegistrationsAsync(e.Id);
        Assert.Equal(10, rows.Count(r => r.Status == RegistrationStatus.Confirmed));
        Assert.Equal(10, (await factory.ReloadAsync(e)).Taken);
        // The stale tab cancels again: refused in French, nothing moves.
        var again = await tab.PostAsync($"/evenements/inscriptions/{leaving[0].Code}?handler=Annuler",
            new FormUrlEncodedContent([new("__RequestVerificationToken", staleToken)]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("Cette inscription est déjà annulée.", await again.TextAsync());
        Assert.Equal(10, (await factory.ReloadAsync(e)).Taken);
    }

    [Fact]
    public async Task ARegistration_ReadsTheEventsStateInTheStatementThatSeatsIt_NotThePagesCopy()
    {
        var e = await factory.CreateEventAsync();
        var stale = await factory.ReloadAsync(e); // what a page loaded a moment before
        await factory.WithDbAsync(db => db.Set<Event>().IgnoreQueryFilters().Where(x => x.Id == e.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, EventState.Cancelled)));

        await using var scope = factory.Services.CreateAsyncScope();
        var (registration, refusals) = await scope.ServiceProvider.GetRequiredService<Registrar>().RegisterAsync(stale, EventViewer.Visitor,
            new RegistrationRequest("Trop Tard", $"trop-tard-{e.Id}@exemple.ca", null, null, [], new Dictionary<int, string?>()), default);

        Assert.Null(registration);
        Assert.Equal("Cet événement est annulé : il ne prend plus d'inscriptions.", Assert.Single(refusals).Message);
        Assert.Equal(0, (await factory.ReloadAsync(e)).Taken);
        Assert.Empty(await factory.RegistrationsAsync(e.Id));
    }

    [Fact]
    public async Task TwoOrganizersCancellingAtOnce_CancelOnce_AndRegistrantsAreToldOnce()
    {
        var e = await factory.CreateEventAsync();
        var organizer = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "essai"), new Claim("display_name", "Coordination")], "essai"));
        async Task<string?> CancelAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var editor = scope.ServiceProvider.GetRequiredService<EventEditor>();
            var loaded = await scope.ServiceProvider.GetRequiredService<Registrar>().EventAsync(e.Id, default);
            return await editor.CancelAsync(organizer, loaded!, "Tempête de neige.", default);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CancelAsync()));

        Assert.Single(answers, a => a is null);
        Assert.All(answers.Where(a => a is not null), a => Assert.Equal("Cet événement est déjà annulé.", a));
        var told = await factory.WithDbAsync(db => db.Set<OutboxEvent>().Where(x => x.Type == "EventCancelled" && x.Payload.Contains($"\"EventId\":{e.Id},"))
            .Select(x => x.Handler).ToListAsync());
        Assert.NotEmpty(told);
        Assert.All(told.GroupBy(h => h), g => Assert.Single(g)); // one row per handler: raised once
    }
}

public sealed class SqliteRegistrationConcurrencyTests(SqlitePortalFactory factory)
    : RegistrationConcurrencyTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRegistrationConcurrencyTests(PostgresPortalFactory factory) : RegistrationConcurrencyTests<PostgresPortalFactory>(factory);
