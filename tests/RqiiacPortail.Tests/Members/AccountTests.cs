using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Search;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Members;

/// <summary>A member's own account: profile, password, a copy of their data and closing the account (Law 25).</summary>
public abstract class AccountTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<(HttpClient Client, TestAccount Account)> MemberAsync()
    {
        var account = await factory.CreateMemberAsync("lanaudiere");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        return (client, account);
    }

    private static Dictionary<string, string> Profile(string firstName = "Josée", string territory = "Joliette") => new()
    {
        ["Input.FirstName"] = firstName, ["Input.LastName"] = "Létourneau", ["Input.Employer"] = "CISSS de Lanaudière", ["Input.Territory"] = territory,
    };

    [Fact]
    public async Task TheProfile_RefusesBadInputInFrench_KeepsMarkupAsText_AndTheNewNameReachesTheLayout()
    {
        var (client, account) = await MemberAsync();

        var tooLong = await client.SubmitFormAsync("/compte", Profile(firstName: new string('é', 101)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        var page = await tooLong.DocumentAsync();
        Assert.Equal("Le prénom compte au plus 100 caractères.", page.QuerySelector("#Input_FirstName-erreur")!.TextContent);
        Assert.Equal("Membre", await factory.WithDbAsync(db => db.Set<PortalUser>().Where(u => u.Id == account.UserId).Select(u => u.FirstName).SingleAsync()));

        var saved = await client.SubmitFormAsync("/compte", Profile(territory: "<script>alert(1)</script> Joliette"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await client.GetDocumentAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Vos renseignements sont enregistrés.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("<script>alert(1)</script> Joliette", after.QuerySelector("#Input_Territory")!.GetAttribute("value"));
        Assert.DoesNotContain(after.QuerySelectorAll("script"), s => s.TextContent.Contains("alert(1)"));
        Assert.Equal("Josée Létourneau", after.QuerySelector(".account-nav__name")!.TextContent.Trim());
    }

    [Fact]
    public async Task ThePassword_ChangesOnlyWithTheCurrentOne()
    {
        var (client, account) = await MemberAsync();
        Dictionary<string, string> Change(string current, string next, string confirm) =>
            new() { ["Input.Current"] = current, ["Input.New"] = next, ["Input.Confirm"] = confirm };

        var wrong = await client.SubmitFormAsync("/compte/mot-de-passe", Change("pas le bon mot de passe", "une nouvelle phrase de passe", "une nouvelle phrase de passe"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal("Mot de passe incorrect.", (await wrong.DocumentAsync()).QuerySelector("#Input_Current-erreur")!.TextContent);
        var mismatch = await client.SubmitFormAsync("/compte/mot-de-passe", Change(account.Password, "une nouvelle phrase de passe", "une autre phrase"));
        Assert.Equal("Les deux mots de passe ne sont pas identiques.", (await mismatch.DocumentAsync()).QuerySelector("#Input_Confirm-erreur")!.TextContent);

        var changed = await client.SubmitFormAsync("/compte/mot-de-passe", Change(account.Password, "une nouvelle phrase de passe", "une nouvelle phrase de passe"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.EndsWith("/compte?fait=mot-de-passe", changed.Headers.Location!.OriginalString);

        var old = await factory.CreatePortalClient().SubmitFormAsync("/compte/connexion",
            new Dictionary<string, string> { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, old.StatusCode);
        await factory.CreatePortalClient().SignInAsync(account with { Password = "une nouvelle phrase de passe" });
    }

    [Fact]
    public async Task TheCopyOfMyData_HoldsWhatEveryPartOfThePortalKeepsAboutMe_AndNothingOfOthers()
    {
        var (client, account) = await MemberAsync();
        var other = await factory.CreateMemberAsync("lanaudiere");
        var tool = await ToolOfAsync(account.UserId, "Grille de Josée", ToolStatus.Published);
        await NotifyAsync(account.UserId, "Avis pour moi");
        await NotifyAsync(other.UserId, "Avis pour quelqu'un d'autre");
        await MailToAsync(account.Email, "Courriel pour moi");

        var response = await client.GetAsync("/compte/donnees");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("rqiiac-mes-donnees-", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(account.Email, root.GetProperty("compte").GetProperty("courriel").GetString());
        Assert.Equal("Lanaudière", root.GetProperty("compte").GetProperty("region").GetString());
        Assert.Contains("Membre — Lanaudière", root.GetProperty("compte").GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Avis pour moi", root.GetProperty("notifications").GetProperty("recues")[0].GetProperty("titre").GetString());
        Assert.Equal("Grille de Josée", root.GetProperty("outils")[0].GetProperty("titre").GetString());
        Assert.Contains($"/lanaudiere/outils/{tool}", root.GetProperty("outils")[0].GetProperty("adresse").GetString());
        Assert.Equal("Courriel pour moi", root.GetProperty("courriels")[0].GetProperty("objet").GetString());
        Assert.DoesNotContain("quelqu'un d'autre", text);
        Assert.DoesNotContain(other.Email, text);
    }

    [Fact]
    public async Task ClosingTheAccount_NeedsThePassword_ThenErasesEverything_AndLeavesPublishedToolsDetached()
    {
        var (client, account) = await MemberAsync();
        var other = await factory.CreateMemberAsync("lanaudiere");
        var published = await ToolOfAsync(account.UserId, "Outil publié qui reste", ToolStatus.Published);
        var draft = await ToolOfAsync(account.UserId, "Brouillon qui part", ToolStatus.Draft);
        await NotifyAsync(account.UserId, "Avis effacé");
        await NotifyAsync(other.UserId, "Avis gardé");
        await MailToAsync(account.Email, "Courriel effacé");
        await factory.WithDbAsync(db =>
        {
            db.Add(new DigestSchedule { UserId = account.UserId, Hour = 8 });
            db.Add(new NotificationPreference { UserId = account.UserId, Kind = RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key, Delivery = Delivery.Digest });
            return db.SaveChangesAsync();
        });

        var wrong = await client.SubmitFormAsync("/compte/supprimer", new Dictionary<string, string> { ["Input.Password"] = "pas le bon", ["Input.Understood"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal("Mot de passe incorrect.", (await wrong.DocumentAsync()).QuerySelector("#Input_Password-erreur")!.TextContent);
        var unconfirmed = await client.SubmitFormAsync("/compte/supprimer", new Dictionary<string, string> { ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Set<PortalUser>().AnyAsync(u => u.Id == account.UserId)));

        var closed = await client.SubmitFormAsync("/compte/supprimer", new Dictionary<string, string> { ["Input.Password"] = account.Password, ["Input.Understood"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.EndsWith("/compte/supprime", closed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/compte")).StatusCode);
        var id = account.UserId;
        Assert.False(await factory.WithDbAsync(db => db.Set<PortalUser>().AnyAsync(u => u.Id == id)));
        Assert.False(await factory.WithDbAsync(db => db.Set<SectionRole>().AnyAsync(r => r.UserId == id)));
        Assert.False(await factory.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.UserId == id)));
        Assert.True(await factory.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.UserId == other.UserId)));
        Assert.False(await factory.WithDbAsync(db => db.Set<NotificationPreference>().AnyAsync(p => p.UserId == id)));
        Assert.False(await factory.WithDbAsync(db => db.Set<DigestSchedule>().AnyAsync(s => s.UserId == id)));
        Assert.False(await factory.WithDbAsync(db => db.Set<OutboxMail>().AnyAsync(m => m.To == account.Email)));
        var kept = await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().SingleAsync(t => t.Id == published));
        Assert.Equal((ToolStatus.Published, ToolPersonalData.FormerMember), (kept.Status, kept.CreatedById));

        // The draft waits for the clean-up, which deletes it at its next run.
        await factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<UnpublishedToolsCleanup>().Single().DeleteExpiredAsync(CancellationToken.None);
        Assert.False(await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().AnyAsync(t => t.Id == draft)));

        var again = await factory.CreatePortalClient().SubmitFormAsync("/compte/connexion",
            new Dictionary<string, string> { ["Input.Email"] = account.Email, ["Input.Password"] = account.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task ClosingTheAccount_CanWithdrawThePublishedToolsToo_AndTakesThemOutOfTheSearch()
    {
        var (client, account) = await MemberAsync();
        var published = await ToolOfAsync(account.UserId, "Outil publié retiré au départ", ToolStatus.Published);

        var closed = await client.SubmitFormAsync("/compte/supprimer",
            new Dictionary<string, string> { ["Input.Password"] = account.Password, ["Input.Understood"] = "true", ["Input.WithdrawTools"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(ToolStatus.Withdrawn, await factory.WithDbAsync(db => db.Set<Tool>().IgnoreQueryFilters().Where(t => t.Id == published).Select(t => t.Status).SingleAsync()));
        var key = published.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await factory.WithDbAsync(db => db.Set<IndexTask>().AnyAsync(t => t.Type == ToolService.SearchType && t.DocumentId == key)));
    }

    [Fact]
    public async Task AnAdministrator_ClosesAnAccountOnRequest_OnceItsAddressIsTypedAgain()
    {
        var member = await factory.CreateMemberAsync("lanaudiere");
        await NotifyAsync(member.UserId, "Avis d'un compte fermé par l'administration");
        var admin = factory.CreatePortalClient();
        await admin.SignInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]));
        var page = $"/admin/membres/{member.UserId}";

        var mistyped = await admin.SubmitFormAsync(page, new Dictionary<string, string> { ["Closing.ConfirmEmail"] = "autre@test.rqiiac.qc.ca" }, handler: "Supprimer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mistyped.StatusCode);
        Assert.Contains("Recopiez l'adresse courriel", (await mistyped.DocumentAsync()).QuerySelector("#Closing_ConfirmEmail-erreur")!.TextContent);
        Assert.True(await factory.WithDbAsync(db => db.Set<PortalUser>().AnyAsync(u => u.Id == member.UserId)));

        var closed = await admin.SubmitFormAsync(page, new Dictionary<string, string> { ["Closing.ConfirmEmail"] = member.Email.ToUpperInvariant() }, handler: "Supprimer");

        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("Le compte est supprimé.", (await admin.GetDocumentAsync(closed.Headers.Location!.OriginalString)).QuerySelector("[role=status]")!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Set<PortalUser>().AnyAsync(u => u.Id == member.UserId)));
        Assert.False(await factory.WithDbAsync(db => db.Set<Notification>().AnyAsync(n => n.UserId == member.UserId)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(page)).StatusCode);
    }

    private async Task<int> ToolOfAsync(string userId, string title, ToolStatus status)
    {
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        return await factory.WithDbAsync(async db =>
        {
            var tool = new Tool
            {
                Title = title, Summary = "Un outil d'essai.", Licence = "cc-by-4.0", CreatedById = userId, SectionId = lanaudiere.Id,
                Status = status, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                PublishedAt = status == ToolStatus.Published ? DateTimeOffset.UtcNow : null,
            };
            db.Add(tool);
            await db.SaveChangesAsync();
            return tool.Id;
        });
    }

    private async Task NotifyAsync(string userId, string title)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotifier>().NotifyAsync(new Notice(RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key, [userId], title, "/outils"));
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
    }

    private Task<int> MailToAsync(string email, string subject) => factory.WithDbAsync(db =>
    {
        db.Add(new OutboxMail
        {
            To = email, Subject = subject, HtmlBody = "<p>Bonjour</p>", TextBody = "Bonjour", MessageId = $"{Guid.NewGuid():N}@test",
            CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddDays(1),
        });
        return db.SaveChangesAsync();
    });
}

public sealed class SqliteAccountTests(SqlitePortalFactory factory) : AccountTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountTests(PostgresPortalFactory factory) : AccountTests<PostgresPortalFactory>(factory);

/// <summary>On a database of its own, so that it knows every administrator there is.</summary>
public sealed class LastAdministratorTests
{
    [Fact]
    public async Task TheLastAdministrator_CannotCloseTheirAccount_UntilAnotherOneExists()
    {
        await using var factory = new SqlitePortalFactory();
        var admin = await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);
        var form = new Dictionary<string, string> { ["Input.Password"] = admin.Password, ["Input.Understood"] = "true" };

        var refused = await client.SubmitFormAsync("/compte/supprimer", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("seule personne à administrer", (await refused.DocumentAsync()).QuerySelector("[role=alert]")!.TextContent);

        await factory.CreateMemberAsync("estrie", [], [Roles.Administrator]);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync("/compte/supprimer", form)).StatusCode);
    }
}
