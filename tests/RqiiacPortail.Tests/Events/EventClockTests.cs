using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Events;
using static RqiiacPortail.Tests.Events.EventSteps;

namespace RqiiacPortail.Tests.Events;

/// <summary>
/// What time does to registrations, driven by the site's injected clock: the reminder two days before, the 48 hours
/// of an offer, a visitor's hour to confirm. The events job is run by hand after each move of the clock.
/// </summary>
public abstract class EventClockTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory, IClockSite
{
    public static readonly DateTimeOffset Start = new(2027, 3, 1, 14, 0, 0, TimeSpan.Zero);

    private async Task RunJobsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await EventJobs.RunAsync(scope.ServiceProvider, factory.Clock, default);
    }

    private Task<List<string>> SubjectsToAsync(string email) =>
        factory.WithDbAsync(db => db.Set<OutboxMail>().Where(m => m.To == email).OrderBy(m => m.Id).Select(m => m.Subject).ToListAsync());

    private async Task<(TestAccount Account, HttpClient Client)> MemberAsync()
    {
        var account = await factory.CreateMemberAsync("lanaudiere");
        return (account, await factory.SignedInAsync(account));
    }

    [Fact]
    public async Task TheReminder_LeavesTwoDaysBefore_Once()
    {
        var e = await factory.CreateEventAsync(shape: x => { x.StartsAt = factory.Clock.GetUtcNow().AddDays(3); x.EndsAt = x.StartsAt.AddHours(6); });
        var (account, member) = await MemberAsync();
        var (waiting, _) = (await factory.CreatePortalClient().RegisterAsync(e, "Visiteuse", Visitor()), 0);
        await member.RegisterAsync(e);

        await RunJobsAsync();
        Assert.DoesNotContain(await SubjectsToAsync(account.Email), s => s.StartsWith("Rappel", StringComparison.Ordinal));

        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RunJobsAsync();
        await RunJobsAsync();

        var reminders = (await SubjectsToAsync(account.Email)).Where(s => s.StartsWith($"Rappel : {e.Title}", StringComparison.Ordinal)).ToList();
        Assert.Single(reminders);
        Assert.NotNull((await factory.RegistrationsAsync(e.Id)).Single(r => r.UserId == account.UserId).ReminderSentAt);
        // The visitor who never confirmed their address lost the seat an hour after registering, and gets no reminder.
        Assert.Equal(RegistrationStatus.Expired, (await factory.RegistrationAsync(waiting)).Status);
    }

    [Fact]
    public async Task InstancesPassingAtTheSameMinute_RemindOnce_AndExpireAnOfferOnce()
    {
        var e = await factory.CreateEventAsync(shape: x => { x.Capacity = 2; x.StartsAt = factory.Clock.GetUtcNow().AddDays(3); x.EndsAt = x.StartsAt.AddHours(6); });
        var (reminded, remindedClient) = await MemberAsync();
        var (_, holder) = await MemberAsync();
        var (offered, offeredClient) = await MemberAsync();
        var (next, nextClient) = await MemberAsync();
        await remindedClient.RegisterAsync(e);
        var holderCode = await holder.RegisterAsync(e);
        var offeredCode = await offeredClient.RegisterAsync(e);
        var nextCode = await nextClient.RegisterAsync(e);
        Assert.Equal(HttpStatusCode.Redirect, (await holder.ActAsync(holderCode, "Annuler")).StatusCode);
        Assert.Equal(RegistrationStatus.Offered, (await factory.RegistrationAsync(offeredCode)).Status);

        // The offer's 48 hours are over and the event is a day away: four instances pass at the same minute (each
        // its own scope, so its own connection), with the site's own job woken by the clock.
        factory.Clock.Advance(Registrar.OfferHold + TimeSpan.FromMinutes(1));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(RunJobsAsync)));

        Assert.Single(await SubjectsToAsync(reminded.Email), s => s.StartsWith($"Rappel : {e.Title}", StringComparison.Ordinal));
        Assert.Single(await SubjectsToAsync(offered.Email), s => s == $"Place libérée : {e.Title}");
        Assert.Equal(RegistrationStatus.Expired, (await factory.RegistrationAsync(offeredCode)).Status);
        Assert.Single(await SubjectsToAsync(next.Email), s => s == $"Une place s'est libérée : {e.Title}");
        Assert.Equal(RegistrationStatus.Offered, (await factory.RegistrationAsync(nextCode)).Status);
        Assert.Equal(2, (await factory.ReloadAsync(e)).Taken);
    }

    [Fact]
    public async Task ARegistrationMadeWithinTheTwoDays_IsNotRemindedAMinuteLater()
    {
        var e = await factory.CreateEventAsync(shape: x => { x.StartsAt = factory.Clock.GetUtcNow().AddDays(1); x.EndsAt = x.StartsAt.AddHours(6); });
        var (account, member) = await MemberAsync();

        await member.RegisterAsync(e);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunJobsAsync();

        var subjects = await SubjectsToAsync(account.Email);
        Assert.Contains(subjects, s => s.StartsWith("Inscription confirmée", StringComparison.Ordinal));
        Assert.DoesNotContain(subjects, s => s.StartsWith("Rappel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOfferNotTakenIn48Hours_GoesToTheNextInLine()
    {
        var e = await factory.CreateEventAsync(shape: x => { x.Capacity = 1; x.StartsAt = factory.Clock.GetUtcNow().AddDays(20); x.EndsAt = x.StartsAt.AddHours(6); });
        var (_, holder) = await MemberAsync();
        var (first, firstClient) = await MemberAsync();
        var (second, _) = await MemberAsync();
        var holderCode = await holder.RegisterAsync(e);
        var firstCode = await firstClient.RegisterAsync(e);
        var secondCode = await (await factory.SignedInAsync(second)).RegisterAsync(e);
        Assert.Equal(HttpStatusCode.Redirect, (await holder.ActAsync(holderCode, "Annuler")).StatusCode);
        var offer = await factory.RegistrationAsync(firstCode);
        Assert.Equal((RegistrationStatus.Offered, factory.Clock.GetUtcNow() + Registrar.OfferHold), (offer.Status, offer.HoldUntil!.Value));
        var page = await firstClient.GetDocumentAsync($"/evenements/inscriptions/{firstCode}");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        factory.Clock.Advance(TimeSpan.FromHours(47));
        await RunJobsAsync();
        Assert.Equal(RegistrationStatus.Offered, (await factory.RegistrationAsync(firstCode)).Status);

        factory.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        await RunJobsAsync();

        Assert.Equal(RegistrationStatus.Expired, (await factory.RegistrationAsync(firstCode)).Status);
        var next = await factory.RegistrationAsync(secondCode);
        Assert.Equal((RegistrationStatus.Offered, factory.Clock.GetUtcNow() + Registrar.OfferHold), (next.Status, next.HoldUntil!.Value));
        Assert.Equal(1, (await factory.ReloadAsync(e)).Taken);
        Assert.Contains(await SubjectsToAsync(first.Email), s => s == $"Place libérée : {e.Title}");
        Assert.Contains(await SubjectsToAsync(second.Email), s => s == $"Une place s'est libérée : {e.Title}");
        // The page kept open from before: accepting now is refused, in French, and takes nothing.
        var late = await firstClient.PostAsync($"/evenements/inscriptions/{firstCode}?handler=Accepter", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("Cette offre n'est plus valable", await late.TextAsync());
        Assert.Equal(RegistrationStatus.Offered, (await factory.RegistrationAsync(secondCode)).Status);
    }

    [Fact]
    public async Task AnOfferMadeTheEveningBefore_EndsWhenTheEventStarts()
    {
        var e = await factory.CreateEventAsync(shape: x => { x.Capacity = 1; x.StartsAt = factory.Clock.GetUtcNow().AddHours(10); x.EndsAt = x.StartsAt.AddHours(6); });
        var (_, holder) = await MemberAsync();
        var holderCode = await holder.RegisterAsync(e);
        var waitingCode = await (await MemberAsync()).Client.RegisterAsync(e);

        await holder.ActAsync(holderCode, "Annuler");

        Assert.Equal(e.StartsAt, (await factory.RegistrationAsync(waitingCode)).HoldUntil);
    }

    [Fact]
    public async Task AVisitorsUnconfirmedSeat_IsFreedAfterAnHour_ForTheNextInLine()
    {
        var e = await factory.CreateEventAsync(shape: x => { x.Capacity = 1; x.StartsAt = factory.Clock.GetUtcNow().AddDays(40); x.EndsAt = x.StartsAt.AddHours(6); });
        var visitor = factory.CreatePortalClient();
        var code = await visitor.RegisterAsync(e, "Sans confirmation", Visitor());
        var key = factory.Services.GetRequiredService<AddressConfirmation>().KeyFor(await factory.RegistrationAsync(code));
        var (member, memberClient) = await MemberAsync();
        var waitingCode = await memberClient.RegisterAsync(e);

        factory.Clock.Advance(TimeSpan.FromMinutes(59));
        await RunJobsAsync();
        Assert.Equal(RegistrationStatus.Confirmed, (await factory.RegistrationAsync(code)).Status);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunJobsAsync();

        Assert.Equal(RegistrationStatus.Expired, (await factory.RegistrationAsync(code)).Status);
        Assert.Equal(RegistrationStatus.Offered, (await factory.RegistrationAsync(waitingCode)).Status);
        Assert.Contains("Expirée", (await visitor.GetDocumentAsync($"/evenements/inscriptions/{code}")).QuerySelector("main")!.TextContent);
        var late = await visitor.GetAsync($"/evenements/inscriptions/{code}?handler=Confirmer&cle={Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("Cette inscription n'est plus active", await late.TextAsync());
        Assert.Contains(await SubjectsToAsync(member.Email), s => s.StartsWith("Une place s'est libérée", StringComparison.Ordinal));
        // Their address is free again: they may register anew (into the line, since the seat went on).
        var again = await visitor.RegisterAsync(e, "Sans confirmation", (await factory.RegistrationAsync(code)).Email);
        Assert.Equal(RegistrationStatus.Waitlisted, (await factory.RegistrationAsync(again)).Status);
    }
}

public sealed class SqliteEventClockTests(SqliteEventClockTests.Site factory) : EventClockTests<SqliteEventClockTests.Site>(factory)
{
    public sealed class Site() : SqliteClockSite(Start);
}

public sealed class PostgresEventClockTests(PostgresEventClockTests.Site factory) : EventClockTests<PostgresEventClockTests.Site>(factory)
{
    public sealed class Site() : PostgresClockSite(Start);
}
