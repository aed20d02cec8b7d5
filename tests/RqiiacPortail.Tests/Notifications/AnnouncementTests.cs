using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Tests.Notifications;

public abstract class AnnouncementTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    [Fact]
    public async Task ACoordinator_AnnouncesToTheRegion_AndOnlyToIt()
    {
        var coordinator = await factory.CreateMemberAsync("abitibi-temiscamingue", ("abitibi-temiscamingue", Roles.Coordinator));
        var inRegion = await factory.CreateMemberAsync("abitibi-temiscamingue");
        var elsewhere = await factory.CreateMemberAsync("cote-nord");
        var abitibi = await factory.SectionAsync("abitibi-temiscamingue");
        var coteNord = await factory.SectionAsync("cote-nord");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(coordinator);

        // Another region, or the whole network, is not in this coordinator's list: a forged value is refused.
        foreach (var audience in new[] { coteNord.Id.ToString(), "tous" })
        {
            var forged = await client.SubmitFormAsync("/admin/annonces", new Dictionary<string, string> { ["Input.Audience"] = audience, ["Input.Title"] = "Annonce" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
            Assert.Equal("Choisissez des destinataires de la liste.", Html.FieldError(Html.Parse(await forged.BodyAsync()), "Input.Audience"));
        }
        var offSite = await client.SubmitFormAsync("/admin/annonces", new Dictionary<string, string>
        {
            ["Input.Audience"] = abitibi.Id.ToString(), ["Input.Title"] = "Annonce", ["Input.Link"] = "https://ailleurs.example/",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, offSite.StatusCode);

        var sent = await client.SubmitFormAsync("/admin/annonces", new Dictionary<string, string>
        {
            ["Input.Audience"] = abitibi.Id.ToString(), ["Input.Title"] = "Journée régionale d'échange le 5 décembre à Rouyn-Noranda",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await factory.EventsHandledAsync();

        var received = await factory.WithDbAsync(db => db.Set<Notification>()
            .Where(n => n.Kind == RqiiacPortail.Web.Modules.Notifications.NotificationsModule.Announcement.Key).Select(n => new { n.UserId, n.Link }).ToListAsync());
        Assert.Contains(received, r => r.UserId == inRegion.UserId && r.Link == "/abitibi-temiscamingue/");
        Assert.Contains(received, r => r.UserId == coordinator.UserId);
        Assert.DoesNotContain(received, r => r.UserId == elsewhere.UserId);
    }
}

public sealed class SqliteAnnouncementTests(SqlitePortalFactory factory) : AnnouncementTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAnnouncementTests(PostgresPortalFactory factory) : AnnouncementTests<PostgresPortalFactory>(factory);
