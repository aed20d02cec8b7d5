using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.Notifications;

public abstract class NotificationMailTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    [Fact]
    public async Task ARoleGranted_IsNotifiedByMail_WithAOneClickUnsubscribe_ThatWorks()
    {
        var member = await factory.CreateMemberAsync("outaouais");
        var admin = await factory.CreateMemberAsync("outaouais", [], [Roles.Administrator]);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);
        var outaouais = await factory.SectionAsync("outaouais");

        await client.SubmitFormAsync($"/admin/membres/{member.UserId}", new Dictionary<string, string>
        {
            ["Grant.SectionId"] = outaouais.Id.ToString(), ["Grant.Role"] = Roles.Moderator,
        }, handler: "Attribuer");

        var message = await Mailbox.WaitForAsync(member.Email, m => m.Subject!.Contains("Modération"));
        Assert.Equal("Vous avez maintenant le rôle « Modération » dans la section Outaouais.", message.Subject);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var unsubscribe = new Uri(message.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        Assert.Contains("/notifications/preferences", message.TextBody);

        // What a mail program does (RFC 8058): a POST with no session and no antiforgery token.
        var anonymous = factory.CreatePortalClient();
        var done = await anonymous.PostAsync(unsubscribe.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var delivery = await factory.WithDbAsync(db => db.Set<NotificationPreference>()
            .Where(p => p.UserId == member.UserId && p.Kind == RqiiacPortail.Web.Modules.Members.MembersModule.MembershipKind.Key).Select(p => p.Delivery).SingleAsync());
        Assert.Equal(Delivery.Site, delivery);

        // The next change is still notified on the site, but no longer mailed.
        await client.SubmitFormAsync($"/admin/membres/{member.UserId}", new Dictionary<string, string>
        {
            ["Grant.SectionId"] = outaouais.Id.ToString(), ["Grant.Role"] = Roles.Coordinator,
        }, handler: "Attribuer");
        var titles = await factory.WithDbAsync(db => db.Set<Notification>().Where(n => n.UserId == member.UserId).Select(n => n.Title).ToListAsync());
        Assert.Contains(titles, t => t.Contains("Coordination régionale"));
        // An e-mail would have been written with the notification, in the same unit of work.
        Assert.DoesNotContain(await factory.MailSubjectsToAsync(member.Email), s => s.Contains("Coordination"));
    }

    [Fact]
    public async Task AForgedOrDamagedUnsubscribeToken_Is400_AndChangesNothing()
    {
        var response = await factory.CreatePortalClient().PostAsync("/notifications/desabonnement?jeton=pas-un-jeton", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("n'est pas valide", await response.TextAsync());
    }

    [Fact]
    public async Task Preferences_AreSaved_AndForgedChoicesRefused()
    {
        var member = await factory.CreateMemberAsync("laval");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(member);

        var bad = await client.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string>
        {
            [$"Choix[{"mention"}]"] = "Pigeon", ["DigestHour"] = "7",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Un des choix envoyés n'existe pas", await bad.TextAsync());

        var outOfRange = await client.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string> { ["DigestHour"] = "31" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);
        Assert.Equal("Choisissez une heure de 0 à 23.", Html.FieldError(Html.Parse(await outOfRange.BodyAsync()), "DigestHour"));

        var good = await client.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string>
        {
            [$"Choix[{RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key}]"] = "Digest", ["DigestHour"] = "7",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var page = await client.GetDocumentAsync("/notifications/preferences");
        Assert.NotNull(page.QuerySelector($"input[name='Choix[{RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key}]'][value=Digest][checked]"));
        // A kind no module raises yet is not offered, and a forged choice for it is refused.
        var unraised = await client.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string> { [$"Choix[{"mention"}]"] = "Email", ["DigestHour"] = "7" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unraised.StatusCode);
        Assert.Equal("7", page.QuerySelector("#DigestHour option[selected]")!.GetAttribute("value"));
    }
}

public sealed class SqliteNotificationMailTests(SqlitePortalFactory factory) : NotificationMailTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresNotificationMailTests(PostgresPortalFactory factory) : NotificationMailTests<PostgresPortalFactory>(factory);
