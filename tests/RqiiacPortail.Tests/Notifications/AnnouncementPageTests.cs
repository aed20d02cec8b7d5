using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>
/// An announcement with a body (issue 25): a page of its own (public, or for members), a banner on the home pages
/// until its last day, and, when asked, an e-mail to the audience through the bulk lane with each member's one-click
/// unsubscribe — never to a member who stopped announcement e-mails, and never twice (the notification stays on the
/// site). The form refuses a banner in the past and an e-mail without a text.
/// </summary>
public abstract class AnnouncementPageTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-5).AddDays(fromToday)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ARegionsAnnouncement_HasItsPage_ItsBannerUntilItsDay_AndGoesByEmailToWhoDidNotStop()
    {
        const string slug = "outaouais";
        var section = await factory.SectionAsync(slug);
        var coordinator = await factory.SignedInAsync(await factory.CreateMemberAsync(slug, (slug, Roles.Coordinator)));
        var reader = await factory.CreateMemberAsync(slug);
        var stopped = await factory.CreateMemberAsync(slug);
        await factory.WithDbAsync(db =>
        {
            db.Add(new NotificationPreference { UserId = stopped.UserId, Kind = NotificationsModule.Announcement.Key, Delivery = Delivery.Site });
            return db.SaveChangesAsync();
        });
        var title = $"Journée régionale {Guid.NewGuid():N}"[..30];

        var sent = await coordinator.SubmitFormAsync("/admin/annonces", new Dictionary<string, string>
        {
            ["Input.Audience"] = section.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Title"] = title,
            ["Input.Text"] = "La journée aura lieu à **Gatineau**. Voyez les [outils](/outils).", ["Input.BannerUntil"] = Day(3),
            ["Input.ByEmail"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await factory.EventsHandledAsync();

        var announcement = await factory.WithDbAsync(db => db.Set<Announcement>().AsNoTracking().SingleAsync(a => a.Title == title));
        var visitor = factory.CreatePortalClient();
        var page = await visitor.GetDocumentAsync($"/annonces/{announcement.Id}");
        Assert.Equal(title, page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Gatineau", page.QuerySelector("main strong")!.TextContent);
        Assert.Contains(title, (await visitor.GetDocumentAsync($"/{slug}/")).QuerySelector(".banners")!.TextContent);
        Assert.DoesNotContain(title, (await visitor.GetDocumentAsync("/")).QuerySelector("main")!.TextContent); // a region's, not the network's

        var mail = await Mailbox.WaitForAsync(reader.Email, m => m.Subject == $"Annonce : {title}");
        Assert.Contains("Gatineau", mail.HtmlBody);
        Assert.Contains("http://localhost:5080/outils", mail.TextBody);
        var unsubscribe = mail.Headers["List-Unsubscribe"].Trim('<', '>');
        Assert.Contains("/notifications/desabonnement", unsubscribe);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        await Task.Delay(1000);
        Assert.DoesNotContain(Mailbox.All(stopped.Email), m => m.Subject.Contains(title));
        Assert.Single(Mailbox.All(reader.Email), m => m.Subject.Contains(title)); // the notification itself stayed on the site
        var notified = await factory.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.Title == title));
        Assert.True(notified >= 3, $"{notified} notifications");

        // The one-click unsubscribe stops the next ones.
        var oneClick = await factory.CreatePortalClient().PostAsync(new Uri(unsubscribe).PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Set<NotificationPreference>()
            .AnyAsync(p => p.UserId == reader.UserId && p.Kind == NotificationsModule.Announcement.Key && p.Delivery == Delivery.Site)));

        // Its last day passed, the banner is gone.
        await factory.WithDbAsync(db => db.Set<Announcement>().Where(a => a.Id == announcement.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.BannerUntil, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)))));
        Assert.DoesNotContain(title, await factory.SignedInAsync(reader).ContinueWith(t => t.Result.GetStringAsync($"/{slug}/")).Unwrap());
    }

    [Fact]
    public async Task AMembersAnnouncement_IsHiddenFromVisitors_InItsPageAndItsBanner()
    {
        var board = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", [], [Roles.Board]));
        var title = $"Entre membres {Guid.NewGuid():N}"[..26];
        var sent = await board.SubmitFormAsync("/admin/annonces", new Dictionary<string, string>
        {
            ["Input.Audience"] = "tous", ["Input.Title"] = title, ["Input.Text"] = "Un texte pour les membres.", ["Input.ForMembers"] = "true", ["Input.BannerUntil"] = Day(1),
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var id = await factory.WithDbAsync(db => db.Set<Announcement>().Where(a => a.Title == title).Select(a => a.Id).SingleAsync());

        var visitor = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await visitor.GetAsync($"/annonces/{id}")).StatusCode);
        Assert.DoesNotContain(title, await visitor.GetStringAsync("/"));
        var member = await factory.SignedInAsync(await factory.CreateMemberAsync("monteregie"));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/annonces/{id}")).StatusCode);
        Assert.Contains(title, (await member.GetDocumentAsync("/")).QuerySelector(".banners")!.TextContent);
    }

    [Fact]
    public async Task ABannerInThePast_OrAnEmailWithoutText_IsRefusedNextToItsField()
    {
        var board = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere", [], [Roles.Board]));

        var response = await board.SubmitFormAsync("/admin/annonces", new Dictionary<string, string>
        {
            ["Input.Audience"] = "tous", ["Input.Title"] = "Une annonce", ["Input.BannerUntil"] = Day(-2), ["Input.ByEmail"] = "true",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.DocumentAsync();
        Assert.Equal("Choisissez une date d'aujourd'hui à dans un an.", page.QuerySelector("#Input_BannerUntil-erreur")!.TextContent.Trim());
        Assert.Equal("Écrivez le texte de l'annonce pour l'envoyer par courriel.", page.QuerySelector("#Input_Text-erreur")!.TextContent.Trim());
    }
}

public sealed class SqliteAnnouncementPageTests(SqlitePortalFactory factory) : AnnouncementPageTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAnnouncementPageTests(PostgresPortalFactory factory) : AnnouncementPageTests<PostgresPortalFactory>(factory);
