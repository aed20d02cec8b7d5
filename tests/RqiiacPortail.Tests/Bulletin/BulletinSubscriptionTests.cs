using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Tests.Bulletin;

/// <summary>
/// Subscribing to the bulletin: the public's double opt-in (one message to an unconfirmed address, a link that
/// lasts seven days and confirms only when its button is pressed, the same answer whatever the address), the
/// unsubscribe link (a GET that unsubscribes nobody, the RFC 8058 POST without cookie or token), a member's
/// subscription from their preferences, and the consent's proof in their data copy until the account closes.
/// </summary>
public abstract class BulletinSubscriptionTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static string Address(string kind) => $"{kind}-{Guid.NewGuid():N}@abonnes.exemple.org";

    private Task<BulletinSubscriber?> SubscriberAsync(string email) =>
        factory.WithDbAsync(db => db.Set<BulletinSubscriber>().AsNoTracking().FirstOrDefaultAsync(s => s.Email == email));

    private async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, string email) =>
        await client.SubmitFormAsync("/bulletin/abonnement", new Dictionary<string, string> { ["courriel"] = email });

    [Fact]
    public async Task TheDoubleOptIn_SendsOneLink_WhoseGetOnlyShowsAButton_AndWhosePostConfirms_WithTheConsentsProof()
    {
        var email = Address("public");
        var visitor = factory.CreatePortalClient();

        var asked = await SubscribeAsync(visitor, email);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Si cette adresse n'est pas déjà abonnée, un courriel de confirmation vient d'y être envoyé", await asked.TextAsync());
        Assert.Equal(SubscriberState.Pending, (await SubscriberAsync(email))!.State);
        var message = await Mailbox.WaitForAsync(email);
        Assert.Equal("Confirmez votre abonnement au bulletin Inter Action Communautaire", message.Subject);
        var link = Mailbox.Link(message, "/bulletin/abonnement/confirmer");
        Assert.StartsWith("http://localhost:5080/", link);

        // A mail gateway following the link confirms nothing.
        var opened = await visitor.GetDocumentAsync(new Uri(link).PathAndQuery);
        Assert.Equal("Confirmer mon abonnement", opened.QuerySelector("main form button")!.TextContent.Trim());
        Assert.Equal(SubscriberState.Pending, (await SubscriberAsync(email))!.State);

        var confirmed = await visitor.SubmitFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("C'est confirmé", await confirmed.TextAsync());
        var subscriber = (await SubscriberAsync(email))!;
        Assert.Equal(SubscriberState.Confirmed, subscriber.State);
        Assert.Null(subscriber.ConfirmationHash);
        var consent = await factory.WithDbAsync(db => db.Set<BulletinConsent>().SingleAsync(c => c.SubscriberId == subscriber.Id));
        Assert.Equal(ConsentBasis.Express, consent.Basis);
        Assert.Equal(BulletinSubscriptions.PublicForm, consent.How);
        Assert.Equal(ConsentNotice.Version, consent.NoticeVersion);
        Assert.NotNull(consent.ConfirmedAt);

        // Followed again, the link is spent and says so.
        var again = await visitor.SubmitFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("n'est pas (ou plus) valide", await again.TextAsync());
        Assert.Single(Mailbox.All(email));
    }

    [Fact]
    public async Task SubscribingAgain_RevealsNothing_AndSendsNothingMore()
    {
        var subscribed = Address("deja");
        var pending = Address("attente");
        var visitor = factory.CreatePortalClient();
        await SubscribeAsync(visitor, subscribed);
        await visitor.SubmitFormAsync(new Uri(Mailbox.Link(await Mailbox.WaitForAsync(subscribed), "confirmer")).PathAndQuery, new Dictionary<string, string>());
        await SubscribeAsync(visitor, pending);
        await Mailbox.WaitForAsync(pending);

        var answers = new List<string>();
        foreach (var email in new[] { subscribed, pending, Address("nouvelle") })
        {
            var response = await SubscribeAsync(visitor, email);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add((await response.DocumentAsync()).QuerySelector("main [role=status]")!.TextContent.Trim());
        }

        Assert.Single(answers.Distinct());
        await Task.Delay(1500); // what the outbox would have sent by now
        Assert.Single(Mailbox.All(subscribed));
        Assert.Single(Mailbox.All(pending));
        Assert.Equal(SubscriberState.Confirmed, (await SubscriberAsync(subscribed))!.State);
    }

    [Fact]
    public async Task ALinkOlderThanSevenDays_HasExpired_AndConfirmsNothing()
    {
        var email = Address("expire");
        var visitor = factory.CreatePortalClient();
        await SubscribeAsync(visitor, email);
        var link = new Uri(Mailbox.Link(await Mailbox.WaitForAsync(email), "confirmer")).PathAndQuery;
        await factory.WithDbAsync(db => db.Set<BulletinSubscriber>().Where(s => s.Email == email)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConfirmationSentAt, DateTimeOffset.UtcNow.AddDays(-7).AddMinutes(-1))));

        var response = await visitor.SubmitFormAsync(link, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ce lien a expiré", await response.TextAsync());
        Assert.Equal(SubscriberState.Pending, (await SubscriberAsync(email))!.State);
    }

    [Fact]
    public async Task TheUnsubscribeLink_OpenedUnsubscribesNobody_ItsOneClickPostNeedsNoCookie_AndAnUnknownCodeIsAnsweredAlike()
    {
        var email = Address("depart");
        var visitor = factory.CreatePortalClient();
        await SubscribeAsync(visitor, email);
        await visitor.SubmitFormAsync(new Uri(Mailbox.Link(await Mailbox.WaitForAsync(email), "confirmer")).PathAndQuery, new Dictionary<string, string>());
        var code = (await SubscriberAsync(email))!.UnsubscribeCode;

        var opened = await visitor.GetDocumentAsync($"/bulletin/desabonnement/{code}");
        Assert.Equal("Me désabonner", opened.QuerySelector("main form button")!.TextContent.Trim());
        Assert.Equal(SubscriberState.Confirmed, (await SubscriberAsync(email))!.State);

        // What a mail program sends (RFC 8058): no cookie, no antiforgery token, its own body.
        var oneClick = await factory.CreatePortalClient().PostAsync($"/bulletin/desabonnement/{code}",
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        var gone = (await SubscriberAsync(email))!;
        Assert.Equal(SubscriberState.Unsubscribed, gone.State);
        var consent = await factory.WithDbAsync(db => db.Set<BulletinConsent>().SingleAsync(c => c.SubscriberId == gone.Id));
        Assert.NotNull(consent.WithdrawnAt);

        var unknown = await factory.CreatePortalClient().PostAsync("/bulletin/desabonnement/inconnu-" + Guid.NewGuid().ToString("N"),
            new StringContent("n'importe quoi", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(await oneClick.TextAsync(), await unknown.TextAsync());
        var empty = await factory.CreatePortalClient().PostAsync($"/bulletin/desabonnement/{code}", null);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Theory]
    [InlineData("pas-une-adresse", "Cette adresse courriel n'est pas valide.")]
    [InlineData("", "Indiquez votre adresse courriel.")]
    public async Task ABadAddress_IsRefusedNextToTheField(string email, string message)
    {
        var response = await SubscribeAsync(factory.CreatePortalClient(), email);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(message, (await response.DocumentAsync()).QuerySelector("#courriel-erreur")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnAddressLongerThanItsColumn_IsRefused_NotCut()
    {
        var email = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 5)) + ".org";
        var response = await SubscribeAsync(factory.CreatePortalClient(), email);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("au plus 320 caractères", (await response.DocumentAsync()).QuerySelector("#courriel-erreur")!.TextContent);
        Assert.Null(await SubscriberAsync(email.ToLowerInvariant()));
    }

    [Fact]
    public async Task AMember_SubscribesFromTheirPreferences_TheConsentIsInTheirDataCopy_AndEndsWithTheirAccount()
    {
        var account = await factory.CreateMemberAsync("lanaudiere");
        var member = await factory.SignedInAsync(account);

        var preferences = await member.GetDocumentAsync("/notifications/preferences");
        Assert.Contains("Le bulletin Inter Action Communautaire", preferences.QuerySelector("#bulletin-preference")!.TextContent);
        var subscribed = await member.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string>(), handler: "Membre");
        Assert.Equal(HttpStatusCode.Redirect, subscribed.StatusCode);
        Assert.Equal("/notifications/preferences", subscribed.Headers.Location!.OriginalString);
        var row = (await SubscriberAsync(account.Email.ToLowerInvariant()))!;
        Assert.Equal((SubscriberState.Confirmed, account.UserId), (row.State, row.UserId));
        Assert.Contains("Vous le recevez par courriel", (await member.GetDocumentAsync("/notifications/preferences")).QuerySelector("#bulletin-preference")!.ParentElement!.TextContent);
        await Task.Delay(500);
        Assert.Empty(Mailbox.All(account.Email)); // its address was confirmed with the account: no second link

        using (var copy = JsonDocument.Parse(await member.GetStringAsync("/compte/donnees")))
        {
            var bulletin = copy.RootElement.GetProperty("bulletin")[0];
            Assert.Equal("abonné", bulletin.GetProperty("etat").GetString());
            var consent = bulletin.GetProperty("consentements")[0];
            Assert.Equal("exprès", consent.GetProperty("fondement").GetString());
            Assert.Equal(BulletinSubscriptions.MemberPreferences, consent.GetProperty("comment").GetString());
            Assert.Equal(ConsentNotice.Version, consent.GetProperty("avis").GetString());
        }

        var closed = await member.SubmitFormAsync("/compte/supprimer", new Dictionary<string, string> { ["Input.Password"] = account.Password, ["Input.Understood"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Null(await SubscriberAsync(account.Email.ToLowerInvariant()));
        Assert.False(await factory.WithDbAsync(db => db.Set<BulletinConsent>().AnyAsync(c => c.SubscriberId == row.Id)));
    }

    [Fact]
    public async Task AMember_StopsFromTheirPreferences_AtOnce()
    {
        var account = await factory.CreateMemberAsync("lanaudiere");
        var member = await factory.SignedInAsync(account);
        await member.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string>(), handler: "Membre");

        var stopped = await member.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string>(), handler: "Membre");

        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        var row = (await SubscriberAsync(account.Email.ToLowerInvariant()))!;
        Assert.Equal(SubscriberState.Unsubscribed, row.State);
        Assert.NotNull(await factory.WithDbAsync(db => db.Set<BulletinConsent>().Where(c => c.SubscriberId == row.Id).Select(c => c.WithdrawnAt).SingleAsync()));
    }

    [Fact]
    public async Task AddressesThatNeverConfirmed_AreForgottenOnceTheirLinkExpired()
    {
        var email = Address("oubli");
        await SubscribeAsync(factory.CreatePortalClient(), email);
        await factory.WithDbAsync(db => db.Set<BulletinSubscriber>().Where(s => s.Email == email).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ConfirmationSentAt, DateTimeOffset.UtcNow.AddDays(-9)).SetProperty(x => x.CreatedAt, DateTimeOffset.UtcNow.AddDays(-9))));

        await using (var scope = factory.Started().Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<BulletinSubscriptions>().ForgetUnconfirmedAsync(CancellationToken.None);

        Assert.Null(await SubscriberAsync(email));
    }
}

public sealed class SqliteBulletinSubscriptionTests(SqlitePortalFactory factory) : BulletinSubscriptionTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresBulletinSubscriptionTests(PostgresPortalFactory factory) : BulletinSubscriptionTests<PostgresPortalFactory>(factory);
