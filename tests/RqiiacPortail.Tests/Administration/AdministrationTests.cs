using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections;

namespace RqiiacPortail.Tests.Administration;

public abstract class AdministrationTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private async Task<HttpClient> AdministratorAsync()
    {
        var admin = await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);
        return client;
    }

    [Fact]
    public async Task Administrator_CreatesASectionFromTheRegionRecipe_ThenDisablesIt()
    {
        var client = await AdministratorAsync();

        var created = await client.SubmitFormAsync("/admin/sections/nouvelle", new Dictionary<string, string>
        {
            ["Input.Name"] = "Îles-de-la-Madeleine", ["Input.Code"] = "18", ["Input.Slug"] = "", ["Input.Recipe"] = "region.recipe.json",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Redirect, await created.TextAsync());
        var editPath = created.Headers.Location!.OriginalString;

        var home = await client.GetDocumentAsync("/iles-de-la-madeleine/");
        Assert.Equal("Îles-de-la-Madeleine", home.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Contains("section Îles-de-la-Madeleine du RQIIAC", home.QuerySelector("main")!.TextContent);

        var disabled = await client.SubmitFormAsync(editPath, new Dictionary<string, string>
        {
            ["Input.Name"] = "Îles-de-la-Madeleine", ["Input.AccentColor"] = "#005a70", ["Input.Description"] = "Section fermée.",
            ["Input.HostNames"] = "", ["Input.Active"] = "false",
        });
        Assert.True(disabled.StatusCode == HttpStatusCode.Redirect, await disabled.TextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/iles-de-la-madeleine/")).StatusCode);
    }

    [Theory]
    [InlineData("Région test", "19", "outils", "Input.Slug", "« outils » est une adresse réservée par le portail.")]
    [InlineData("Région test", "14", "region-test", "Input.Code", "Une section porte déjà ce code.")]
    [InlineData("Région test", "20", "lanaudiere", "Input.Slug", "L'adresse /lanaudiere/ est déjà prise.")]
    [InlineData("Région test", "2a", "", "Input.Code", "Le code de région est formé de 2 à 8 chiffres (ex. 14).")]
    public async Task BadNewSection_IsRefusedNextToTheField(string name, string code, string slug, string field, string message)
    {
        var client = await AdministratorAsync();
        var before = await factory.WithDbAsync(db => db.Set<Section>().CountAsync());

        var response = await client.SubmitFormAsync("/admin/sections/nouvelle", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Code"] = code, ["Input.Slug"] = slug, ["Input.Recipe"] = "region.recipe.json",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(message, Html.FieldError(Html.Parse(await response.BodyAsync()), field));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<Section>().CountAsync()));
    }

    [Fact]
    public async Task TooPaleAccentColour_IsRefused_AndTheSavedOneKept()
    {
        var coordinator = await factory.CreateMemberAsync("mauricie", ("mauricie", Roles.Coordinator));
        var client = factory.CreatePortalClient();
        await client.SignInAsync(coordinator);
        var mauricie = await factory.SectionAsync("mauricie");

        var response = await client.SubmitFormAsync($"/admin/sections/{mauricie.Id}", new Dictionary<string, string>
        {
            ["Input.AccentColor"] = "#ffff66", ["Input.Description"] = new string('x', 8001),
        });
        var page = Html.Parse(await response.BodyAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("trop pâle pour du texte blanc", Html.FieldError(page, "Input.AccentColor"));
        Assert.Equal("La présentation compte au plus 8 000 caractères.", Html.FieldError(page, "Input.Description"));
        Assert.Equal("#005a70", await factory.WithDbAsync(db => db.Set<Section>().Where(s => s.Id == mauricie.Id).Select(s => s.AccentColor).SingleAsync()));
        // A coordinator sees only the presentation fields, never the name or the host names.
        Assert.Null(page.QuerySelector("#Input_Name"));
    }

    [Fact]
    public async Task Administrator_GrantsACoordinatorRole_WhichTakesEffectAtOnce()
    {
        var member = await factory.CreateMemberAsync("laurentides");
        var memberClient = factory.CreatePortalClient();
        await memberClient.SignInAsync(member);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.GetAsync("/admin/demandes")).StatusCode);

        var admin = await AdministratorAsync();
        var laurentides = await factory.SectionAsync("laurentides");
        var granted = await admin.SubmitFormAsync($"/admin/membres/{member.UserId}", new Dictionary<string, string>
        {
            ["Grant.SectionId"] = laurentides.Id.ToString(), ["Grant.Role"] = Roles.Coordinator,
        }, handler: "Attribuer");

        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync("/admin/demandes")).StatusCode);
        var roles = await factory.WithDbAsync(db => db.Set<SectionRole>().Where(r => r.UserId == member.UserId).Select(r => r.Role).ToListAsync());
        Assert.Contains(Roles.Coordinator, roles);
    }

    [Fact]
    public async Task ACoordinator_ManagesTheRolesOfTheirSection_ForItsPeople_AndNothingElse()
    {
        var coordinatorAccount = await factory.CreateMemberAsync("outaouais", ("outaouais", Roles.Coordinator));
        var coordinator = factory.CreatePortalClient();
        await coordinator.SignInAsync(coordinatorAccount);
        var local = await factory.CreateMemberAsync("outaouais", ("laval", Roles.Moderator));
        var elsewhere = await factory.CreateMemberAsync("cote-nord");
        var outaouais = await factory.SectionAsync("outaouais");
        var laval = await factory.SectionAsync("laval");

        // The list and the pages reach the section's people only.
        var list = (await coordinator.GetDocumentAsync("/admin/membres")).QuerySelector("main")!.TextContent;
        Assert.Contains(local.Email, list);
        Assert.DoesNotContain(elsewhere.Email, list);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/admin/membres/{elsewhere.UserId}")).StatusCode);

        var page = await coordinator.GetDocumentAsync($"/admin/membres/{local.UserId}");
        Assert.Equal([outaouais.Id.ToString()], page.QuerySelectorAll("#grant-section option").Select(o => o.GetAttribute("value")));
        Assert.Null(page.QuerySelector("form[action*='handler=National']"));

        var granted = await coordinator.SubmitFormAsync($"/admin/membres/{local.UserId}",
            new Dictionary<string, string> { ["Grant.SectionId"] = outaouais.Id.ToString(), ["Grant.Role"] = Roles.Moderator }, handler: "Attribuer");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.True(await factory.WithDbAsync(db => db.Set<SectionRole>().AnyAsync(r => r.UserId == local.UserId && r.SectionId == outaouais.Id && r.Role == Roles.Moderator)));

        // A forged post for another section, a grant held elsewhere, national roles: refused, nothing changed.
        var forged = await coordinator.SubmitFormAsync($"/admin/membres/{local.UserId}",
            new Dictionary<string, string> { ["Grant.SectionId"] = laval.Id.ToString(), ["Grant.Role"] = Roles.Coordinator }, handler: "Attribuer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        var lavalGrant = await factory.WithDbAsync(db => db.Set<SectionRole>().Where(r => r.UserId == local.UserId && r.SectionId == laval.Id).Select(r => r.Id).SingleAsync());
        var withdraw = await coordinator.SubmitFormAsync($"/admin/membres/{local.UserId}",
            new Dictionary<string, string> { ["grantId"] = lavalGrant.ToString() }, handler: "Retirer");
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var national = await coordinator.PostAsync($"/admin/membres/{local.UserId}?handler=National",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("National", Roles.Administrator)]));
        Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Set<SectionRole>().CountAsync(r => r.UserId == local.UserId && r.Role != Roles.Member)));
        Assert.False(await factory.WithDbAsync(db => db.UserRoles.AnyAsync(r => r.UserId == local.UserId)));
    }

    [Fact]
    public async Task AnAdministrator_CannotDropTheirOwnAdministration_NorCloseTheirOwnAccount_FromTheMembersPages()
    {
        var account = await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]);
        var admin = factory.CreatePortalClient();
        await admin.SignInAsync(account);

        var dropped = await admin.SubmitFormAsync($"/admin/membres/{account.UserId}",
            new Dictionary<string, string> { ["National"] = Roles.Board }, handler: "National");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dropped.StatusCode);
        Assert.Contains("propre rôle d'administration", (await dropped.DocumentAsync()).QuerySelector("[role=alert]")!.TextContent);

        var closed = await admin.SubmitFormAsync($"/admin/membres/{account.UserId}",
            new Dictionary<string, string> { ["Closing.ConfirmEmail"] = account.Email }, handler: "Supprimer");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, closed.StatusCode);
        Assert.Contains("passez par « Mon compte »", (await closed.DocumentAsync()).QuerySelector("#Closing_ConfirmEmail-erreur")!.TextContent);

        var roles = await factory.WithDbAsync(db => db.UserRoles.Where(r => r.UserId == account.UserId).Join(db.Roles, r => r.RoleId, x => x.Id, (r, x) => x.Name).ToListAsync());
        Assert.Equal([Roles.Administrator], roles);
    }

    [Fact]
    public async Task ApplicationsUnderASectionPrefix_AreThatSectionsOnly()
    {
        var admin = await AdministratorAsync();
        await PendingApplicationAsync("chaudiere-appalaches", "Cécile", "Chaudière");
        await PendingApplicationAsync("bas-saint-laurent", "Bertrand", "Bas-Laurent");

        var national = (await admin.GetDocumentAsync("/admin/demandes")).QuerySelector("main")!.TextContent;
        var section = (await admin.GetDocumentAsync("/chaudiere-appalaches/admin/demandes")).QuerySelector("main")!.TextContent;

        Assert.Contains("Cécile Chaudière", national);
        Assert.Contains("Bertrand Bas-Laurent", national);
        Assert.Contains("Cécile Chaudière", section);
        Assert.DoesNotContain("Bertrand Bas-Laurent", section);
    }

    [Fact]
    public async Task Health_ReportsDatabaseAndMail_ToAdministrators()
    {
        var response = await (await AdministratorAsync()).GetAsync("/health");
        var body = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"base-de-donnees\"", body);
        Assert.Contains("\"courriels\"", body);
    }

    private async Task PendingApplicationAsync(string slug, string firstName, string lastName)
    {
        var section = await factory.SectionAsync(slug);
        await factory.WithDbAsync(async db =>
        {
            var user = new PortalUser
            {
                UserName = $"{slug}-{Guid.NewGuid():N}", Email = $"{Guid.NewGuid():N}@test.rqiiac.qc.ca", FirstName = firstName, LastName = lastName,
                HomeSectionId = section.Id, Status = MembershipStatus.AwaitingApproval, EmailConfirmed = true,
            };
            db.Users.Add(user);
            db.Add(new MembershipApplication { UserId = user.Id, SectionId = section.Id, Status = MembershipStatus.AwaitingApproval, SubmittedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
    }
}

public sealed class SqliteAdministrationTests(SqlitePortalFactory factory) : AdministrationTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAdministrationTests(PostgresPortalFactory factory) : AdministrationTests<PostgresPortalFactory>(factory);
