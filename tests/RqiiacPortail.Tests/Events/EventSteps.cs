using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Events;
using RqiiacPortail.Web.Modules.Events.Pages;

namespace RqiiacPortail.Tests.Events;

/// <summary>Events made for a test, and what registrants do through the pages, as a browser would.</summary>
public static class EventSteps
{
    /// <summary>
    /// A published event a month away (by the site's clock), one day long, made straight in the database;
    /// <paramref name="shape"/> adds workshops, fees, questions or changes the dates.
    /// </summary>
    public static async Task<Event> CreateEventAsync(this PortalFactory factory, string section = "lanaudiere", Action<Event>? shape = null)
    {
        var home = await factory.SectionAsync(section);
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var starts = new DateTimeOffset(now.UtcDateTime.Date.AddDays(30).AddHours(13), TimeSpan.Zero);
        var e = new Event
        {
            SectionId = home.Id, Title = $"Journée d'échange {Guid.NewGuid().ToString("N")[..8]}", Description = "Une journée **entre collègues**.",
            Place = "Joliette", StartsAt = starts, EndsAt = starts.AddHours(7), Capacity = 50, AttendanceHours = 6.5m,
            State = EventState.Published, CreatedAt = now, UpdatedAt = now,
        };
        shape?.Invoke(e);
        return await factory.WithDbAsync(async db =>
        {
            db.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
    }

    public static Workshop AddWorkshop(this Event e, string title, int capacity, int startHour = 1, int hours = 2)
    {
        var w = new Workshop { Title = title, Capacity = capacity, StartsAt = e.StartsAt.AddHours(startHour), EndsAt = e.StartsAt.AddHours(startHour + hours) };
        e.Workshops.Add(w);
        return w;
    }

    public static string PathOf(Event e, string prefix = "/lanaudiere") => $"{prefix}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}";

    public static string SlotOf(Workshop w) => RegistrationInput.SlotKey(w);

    /// <summary>A visitor's (or member's) registration through the form; more values fill workshops, fee and answers.</summary>
    public static Task<HttpResponseMessage> TryRegisterAsync(this HttpClient client, Event e, string? name = null, string? email = null,
        IDictionary<string, string>? more = null, string prefix = "/lanaudiere")
    {
        var values = new Dictionary<string, string>();
        if (name is not null) values["Input.Name"] = name;
        if (email is not null) values["Input.Email"] = email;
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) values[k] = v;
        return client.SubmitFormAsync($"{PathOf(e, prefix)}/inscription", values);
    }

    public static async Task<string> RegisterAsync(this HttpClient client, Event e, string? name = null, string? email = null,
        IDictionary<string, string>? more = null, string prefix = "/lanaudiere")
    {
        var response = await client.TryRegisterAsync(e, name, email, more, prefix);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Registration refused: {(int)response.StatusCode} {Html.Excerpt(await response.TextAsync())}");
        return CodeOf(response);
    }

    public static string CodeOf(HttpResponseMessage response) => response.Headers.Location!.OriginalString.Split("/evenements/inscriptions/")[1].Split('?')[0];

    /// <summary>An action of the registration's own page (Confirmer, Accepter, Annuler, Ateliers).</summary>
    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, string code, string handler, IDictionary<string, string>? values = null) =>
        client.SubmitFormAsync($"/evenements/inscriptions/{code}", values ?? new Dictionary<string, string>(), handler);

    public static Task<Registration> RegistrationAsync(this PortalFactory factory, string code) =>
        factory.WithDbAsync(db => db.Set<Registration>().AsNoTracking().Include(r => r.Workshops).Include(r => r.Answers).SingleAsync(r => r.Code == code));

    public static Task<List<Registration>> RegistrationsAsync(this PortalFactory factory, int eventId) =>
        factory.WithDbAsync(db => db.Set<Registration>().AsNoTracking().Include(r => r.Workshops).Where(r => r.EventId == eventId).OrderBy(r => r.Arrival).ToListAsync());

    public static Task<Event> ReloadAsync(this PortalFactory factory, Event e) =>
        factory.WithDbAsync(db => db.Set<Event>().AcrossSections().AsNoTracking().Include(x => x.Workshops).SingleAsync(x => x.Id == e.Id));

    public static string Visitor() => $"visiteur-{Guid.NewGuid().ToString("N")[..10]}@exemple.ca";
}
