using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Members;

public abstract class MembershipTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static Dictionary<string, string> Application(string email, string regionId, string password = "une phrase de passe solide") => new()
    {
        ["Input.FirstName"] = "Josée",
        ["Input.LastName"] = "Létourneau",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
        ["Input.Employer"] = "CISSS de Lanaudière",
        ["Input.HomeSectionId"] = regionId,
        ["Input.Territory"] = "Joliette",
        ["Input.Consent"] = "true",
    };

    [Fact]
    public async Task Application_ConfirmedByMail_ApprovedByTheRegion_ThenTheMemberSignsIn()
    {
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var coordinator = await factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var email = $"josee-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var applicant = factory.CreatePortalClient();

        var applied = await applicant.SubmitFormAsync("/lanaudiere/compte/inscription", Application(email, lanaudiere.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);

        // Before confirming, signing in is refused with the reason.
        var early = await applicant.SubmitFormAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "une phrase de passe solide" });
        Assert.Contains("Confirmez d'abord votre adresse courriel", await early.TextAsync());

        var confirmation = await Mailbox.WaitForAsync(email, m => m.Subject.Contains("Confirmez"));
        Assert.Contains("@rqiiac.qc.ca", confirmation.MessageId);
        var link = new Uri(Mailbox.Link(confirmation, "/compte/confirmer"));
        Assert.StartsWith("/lanaudiere/compte/confirmer", link.AbsolutePath);
        var confirmed = await applicant.GetDocumentAsync(link.PathAndQuery);
        Assert.Contains("Votre adresse est confirmée", confirmed.QuerySelector("main")!.TextContent);

        // The coordination is told, and sees the application in its list.
        var notice = await Mailbox.WaitForAsync(coordinator.Email, m => m.Subject.Contains("Nouvelle demande"));
        var reviewPath = new Uri(Mailbox.Link(notice, "/admin/demandes/")).AbsolutePath;
        var coordination = factory.CreatePortalClient();
        await coordination.SignInAsync(coordinator);
        var list = await coordination.GetDocumentAsync("/admin/demandes");
        Assert.Contains("Josée Létourneau", list.QuerySelector("main table")!.TextContent);

        var approved = await coordination.SubmitFormAsync(reviewPath, new Dictionary<string, string>(), handler: "Approuver");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var welcome = await Mailbox.WaitForAsync(email, m => m.Subject.Contains("approuvée"));
        Assert.Contains("Lanaudière", welcome.TextBody);

        await applicant.SignInAsync(new TestAccount(email, "une phrase de passe solide"));
        var directory = await applicant.GetDocumentAsync("/membres");
        Assert.Contains("Josée Létourneau", directory.QuerySelector("main")!.TextContent);
        var roles = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Join(db.Set<SectionRole>(), u => u.Id, r => r.UserId, (u, r) => r.Role).ToListAsync());
        Assert.Equal([Roles.Member], roles);
    }

    [Fact]
    public async Task CoordinatorOfAnotherRegion_Gets403_OnTheApplication()
    {
        var applicationId = await PendingApplicationAsync("lanaudiere");
        var other = await factory.CreateMemberAsync("monteregie", ("monteregie", Roles.Coordinator));
        var client = factory.CreatePortalClient();
        await client.SignInAsync(other);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/admin/demandes/{applicationId}")).StatusCode);
        var list = await client.GetDocumentAsync("/admin/demandes");
        Assert.DoesNotContain($"/admin/demandes/{applicationId}", list.DocumentElement.OuterHtml);

        // A forged approval (a valid token taken from another page) is refused too, and changes nothing.
        var token = (await client.GetDocumentAsync("/admin/demandes")).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetDocumentAsync("/compte/connexion")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var forged = await client.PostAsync($"/admin/demandes/{applicationId}?handler=Approuver",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var status = await factory.WithDbAsync(db => db.Set<MembershipApplication>().IgnoreQueryFilters().Where(a => a.Id == applicationId).Select(a => a.Status).SingleAsync());
        Assert.Equal(MembershipStatus.AwaitingApproval, status);
    }

    [Fact]
    public async Task Refusal_NeedsAReason_AndTellsTheApplicant()
    {
        var applicationId = await PendingApplicationAsync("lanaudiere");
        var coordinator = await factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator));
        var client = factory.CreatePortalClient();
        await client.SignInAsync(coordinator);

        var noReason = await client.SubmitFormAsync($"/admin/demandes/{applicationId}", new Dictionary<string, string> { ["Reason"] = " " }, handler: "Refuser");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Indiquez la raison du refus", Html.FieldError(Html.Parse(await noReason.BodyAsync()), "Reason"));

        var refused = await client.SubmitFormAsync($"/admin/demandes/{applicationId}", new Dictionary<string, string> { ["Reason"] = "Vous ne travaillez pas dans le réseau." }, handler: "Refuser");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var email = await factory.WithDbAsync(db => db.Set<MembershipApplication>().IgnoreQueryFilters().Where(a => a.Id == applicationId).Select(a => a.User!.Email!).SingleAsync());
        var message = await Mailbox.WaitForAsync(email, m => m.Subject.Contains("Votre demande"));
        Assert.Contains("Vous ne travaillez pas dans le réseau.", message.TextBody);
    }

    [Fact]
    public async Task BadApplication_GetsFrenchMessagesNextToTheFields_And422_AndNothingIsSaved()
    {
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var email = $"mauvais-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var form = Application(email, lanaudiere.Id.ToString());
        form["Input.FirstName"] = new string('é', 101);
        form["Input.Email"] = "pas-une-adresse";
        form["Input.ConfirmPassword"] = "autre chose encore";
        form["Input.HomeSectionId"] = "999999";
        form.Remove("Input.Consent");

        var response = await factory.CreatePortalClient().SubmitFormAsync("/compte/inscription", form);
        var page = Html.Parse(await response.BodyAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Le prénom compte au plus 100 caractères.", Html.FieldError(page, "Input.FirstName"));
        Assert.Equal("Cette adresse courriel n'est pas valide.", Html.FieldError(page, "Input.Email"));
        Assert.Equal("Les deux mots de passe ne sont pas identiques.", Html.FieldError(page, "Input.ConfirmPassword"));
        Assert.Equal("Choisissez une région de la liste.", Html.FieldError(page, "Input.HomeSectionId"));
        Assert.Contains("avis de confidentialité", Html.FieldError(page, "Input.Consent"));
        // What the person typed is kept, so that nothing has to be typed again.
        Assert.Equal("Joliette", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Territory")!.Value);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "pas-une-adresse")));
    }

    [Fact]
    public async Task MarkupInTheApplication_IsShownAsText()
    {
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var form = Application("pas-une-adresse", lanaudiere.Id.ToString());
        form["Input.Territory"] = "<script>alert('x')</script>";

        var response = await factory.CreatePortalClient().SubmitFormAsync("/compte/inscription", form);
        var body = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.DoesNotContain("<script>alert", body);
        Assert.Contains("&lt;script&gt;", body);
    }

    [Fact]
    public async Task AnAddressThatHasAnAccount_GetsTheSameAnswerAsANewOne_AndItsOwnerAnEMail()
    {
        var existing = await factory.CreateMemberAsync("lanaudiere");
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var fresh = $"nouvelle-{Guid.NewGuid():N}@test.rqiiac.qc.ca";

        var taken = await factory.CreatePortalClient().SubmitFormAsync("/compte/inscription", Application(existing.Email, lanaudiere.Id.ToString()));
        var free = await factory.CreatePortalClient().SubmitFormAsync("/compte/inscription", Application(fresh, lanaudiere.Id.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(free.Headers.Location, taken.Headers.Location);
        var notice = await Mailbox.WaitForAsync(existing.Email, m => m.Subject.Contains("déjà un compte"));
        Assert.Contains("/compte/mot-de-passe-oublie", notice.TextBody);
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == existing.Email)));
    }

    [Fact]
    public async Task FormPostedWithoutAntiforgeryToken_Is400()
    {
        var response = await factory.CreatePortalClient().PostAsync("/compte/inscription",
            new FormUrlEncodedContent(Application("forge@test.rqiiac.qc.ca", "1")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Requête invalide", await response.TextAsync());
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "forge@test.rqiiac.qc.ca")));
    }

    [Fact]
    public async Task WrongPassword_DoesNotRevealTheAccount_AndLocksAfterFiveTries()
    {
        var member = await factory.CreateMemberAsync("estrie");
        var client = factory.CreatePortalClient();
        var unknown = await client.SubmitFormAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = "personne@test.rqiiac.qc.ca", ["Input.Password"] = "nimporte quoi" });
        var wrong = await client.SubmitFormAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = member.Email, ["Input.Password"] = "mauvais mot de passe" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Adresse courriel ou mot de passe incorrect.", await unknown.TextAsync());
        Assert.Contains("Adresse courriel ou mot de passe incorrect.", await wrong.TextAsync());

        for (var i = 0; i < 4; i++)
            await client.SubmitFormAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = member.Email, ["Input.Password"] = "mauvais mot de passe" });
        var locked = await client.SubmitFormAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = member.Email, ["Input.Password"] = member.Password });
        Assert.Contains("Trop de tentatives de connexion pour cette adresse", await locked.TextAsync());
    }

    [Fact]
    public async Task PasswordReset_ByMail_LetsTheMemberSignInWithTheNewPassword()
    {
        var member = await factory.CreateMemberAsync("outaouais");
        var client = factory.CreatePortalClient();

        var asked = await client.SubmitFormAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = member.Email });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var message = await Mailbox.WaitForAsync(member.Email, m => m.Subject.Contains("mot de passe"));
        var link = new Uri(Mailbox.Link(message, "/compte/reinitialiser")).PathAndQuery;

        var reset = await client.SubmitFormAsync(link, new Dictionary<string, string> { ["Password"] = "un tout nouveau mot de passe", ["ConfirmPassword"] = "un tout nouveau mot de passe" });
        Assert.Contains("Votre mot de passe a été changé", await reset.TextAsync());
        await client.SignInAsync(member with { Password = "un tout nouveau mot de passe" });
    }

    [Fact]
    public async Task Visitors_CannotSeeTheDirectory()
    {
        var response = await factory.CreatePortalClient().GetAsync("/membres");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/compte/connexion?ReturnUrl=%2Fmembres", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheCoordinator_IsNotifiedOfEachApplication_AndSeesHowManyWaitOnTheAdministrationHome()
    {
        var coordinator = await factory.CreateMemberAsync("abitibi-temiscamingue", ("abitibi-temiscamingue", Roles.Coordinator));
        var client = factory.CreatePortalClient();
        await client.SignInAsync(coordinator);

        var id = await PendingApplicationAsync("abitibi-temiscamingue");

        var notification = await factory.WithDbAsync(db => db.Set<RqiiacPortail.Web.Modules.Notifications.Notification>()
            .SingleAsync(n => n.UserId == coordinator.UserId && n.Kind == RqiiacPortail.Web.Modules.Members.MembersModule.ApplicationToReviewKind.Key));
        Assert.Equal($"/abitibi-temiscamingue/admin/demandes/{id}", notification.Link);
        var home = await client.GetDocumentAsync("/admin");
        var card = home.QuerySelectorAll(".card").Single(c => c.TextContent.Contains("Demandes d'adhésion"));
        Assert.Equal("1 en attente", card.QuerySelector(".badge")!.TextContent);
    }

    [Fact]
    public async Task NotificationPreferences_OfferOnlyTheKindsTheSiteRaises()
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync(await factory.CreateMemberAsync("lanaudiere"));

        var legends = (await client.GetDocumentAsync("/notifications/preferences")).QuerySelectorAll("main legend").Select(l => l.TextContent).ToList();

        Assert.Contains("Nouveaux outils dans ma région", legends);
        Assert.Contains("Mon adhésion et mes rôles", legends);
        Assert.DoesNotContain("Mentions de mon nom (@)", legends);
        Assert.DoesNotContain("Mes inscriptions aux événements", legends);
    }

    private async Task<int> PendingApplicationAsync(string slug)
    {
        var section = await factory.SectionAsync(slug);
        var email = $"attente-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var client = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/compte/inscription", Application(email, section.Id.ToString()))).StatusCode);
        var link = new Uri(Mailbox.Link(await Mailbox.WaitForAsync(email), "/compte/confirmer")).PathAndQuery;
        await client.GetDocumentAsync(link);
        return await factory.WithDbAsync(db => db.Set<MembershipApplication>().IgnoreQueryFilters().Where(a => a.User!.Email == email).Select(a => a.Id).SingleAsync());
    }
}

public sealed class SqliteMembershipTests(SqlitePortalFactory factory) : MembershipTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTests(PostgresPortalFactory factory) : MembershipTests<PostgresPortalFactory>(factory);
