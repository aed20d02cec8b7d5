using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Security;

/// <summary>
/// What an outside attack on the portal broke (issue 9), one test each, on both providers where data is
/// involved: nested Markdown, forged hosts in e-mailed links, hostile return addresses.
/// </summary>
public abstract class HostileInputTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static readonly string Nested = new string('>', 7990) + " citation";

    private async Task<HttpClient> SignedInAsync(params (string Slug, string Role)[] roles)
    {
        var account = await factory.CreateMemberAsync("lanaudiere", roles);
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        return client;
    }

    [Fact]
    public async Task ADeeplyNestedSummary_IsRefusedNextToItsField_AndNothingIsSaved()
    {
        var client = await SignedInAsync();
        var section = await factory.SectionAsync("lanaudiere");
        var before = await factory.WithDbAsync(db => db.Set<Tool>().AcrossSections().CountAsync());

        var response = await client.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
        [
            new("Input.Title", "Outil piégé"), new("Input.Summary", Nested), new("Input.SectionId", section.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"),
        ], []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("imbrique trop", Html.FieldError(Html.Parse(await response.BodyAsync()), "Input.Summary"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.Set<Tool>().AcrossSections().CountAsync()));
    }

    [Fact]
    public async Task ADeeplyNestedSectionDescription_IsRefusedNextToItsField_AndTheSavedOneKept()
    {
        var client = await SignedInAsync(("lanaudiere", Roles.Coordinator));
        var section = await factory.SectionAsync("lanaudiere");

        var response = await client.SubmitFormAsync($"/admin/sections/{section.Id}", new Dictionary<string, string>
        {
            ["Input.AccentColor"] = section.AccentColor, ["Input.Description"] = Nested,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("imbrique trop", Html.FieldError(Html.Parse(await response.BodyAsync()), "Input.Description"));
        Assert.Equal(section.Description, await factory.WithDbAsync(db => db.Set<Section>().Where(s => s.Id == section.Id).Select(s => s.Description).SingleAsync()));
    }

    [Fact]
    public async Task NestedMarkdownAlreadySaved_NeverBreaksAPage_NorTheIndex()
    {
        var section = await factory.SectionAsync("cote-nord");
        var id = await factory.WithDbAsync(async db =>
        {
            var tool = new Tool
            {
                SectionId = section.Id, Title = "Outil imbriqué d'avant", Summary = Nested, Licence = "cc-by-4.0", CreatedById = "recette",
                Status = ToolStatus.Published, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, PublishedAt = DateTimeOffset.UtcNow,
            };
            db.Add(tool);
            await db.SaveChangesAsync();
            return tool.Id;
        });
        await factory.WithDbAsync(async db =>
        {
            db.Set<Section>().Single(s => s.Id == section.Id).Description = Nested;
            await db.SaveChangesAsync();
            return 0;
        });
        factory.InvalidateSections();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IIndexQueue>().Enqueue(ToolService.SearchType, id.ToString());
            await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
        }
        var client = factory.CreatePortalClient();

        foreach (var url in new[] { $"/cote-nord/outils/{id}", "/outils", "/cote-nord/outils", "/cote-nord/" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        // The indexer went past it: a tool shared afterwards is found.
        var member = await SignedInAsync();
        var lanaudiere = await factory.SectionAsync("lanaudiere");
        var shared = await member.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
        [
            new("Input.Title", "Calendrier des tables de quartier"), new("Input.Summary", "Un calendrier."), new("Input.SectionId", lanaudiere.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"), new("Input.Author", "Équipe de test"),
            new("Input.Links", "https://rqiiac.qc.ca/calendrier"),
        ], []);
        Assert.True(shared.StatusCode == HttpStatusCode.Redirect, await shared.TextAsync());
        var search = factory.Services.GetRequiredService<ISearch>();
        SearchResults found = SearchResults.Empty;
        for (var i = 0; i < 50 && found.Total == 0; i++, await Task.Delay(100))
            found = await search.SearchAsync(new SearchQuery("calendrier tables quartier", new Dictionary<string, string>()), SearchReader.Visitor);
        Assert.Equal(1, found.Total);
        Assert.Contains((await search.SearchAsync(new SearchQuery("imbriqué", new Dictionary<string, string>()), SearchReader.Visitor)).Hits, h => h.Id == id.ToString());

        await factory.WithDbAsync(async db =>
        {
            db.Set<Section>().Single(s => s.Id == section.Id).Description = null;
            return await db.SaveChangesAsync();
        });
        factory.InvalidateSections();
    }

    [Theory]
    [InlineData("evil.example", null)]
    [InlineData(null, "evil.example")]
    public async Task APasswordResetAskedWithAForgedHost_MailsALinkToTheConfiguredAddress(string? host, string? forwardedHost)
    {
        var member = await factory.CreateMemberAsync("outaouais");
        var client = factory.CreatePortalClient();
        if (host is not null) client.BaseAddress = new Uri($"http://{host}/");
        if (forwardedHost is not null) client.DefaultRequestHeaders.Add("X-Forwarded-Host", forwardedHost);

        var asked = await client.SubmitFormAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = member.Email });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var message = await Mailbox.WaitForAsync(member.Email, m => m.Subject.Contains("mot de passe"));
        Assert.StartsWith("http://localhost:5080/compte/reinitialiser?", Mailbox.Link(message, "/compte/reinitialiser"));
        Assert.DoesNotContain("evil.example", message.TextBody);
        Assert.DoesNotContain("evil.example", message.HtmlBody);
    }

    [Fact]
    public async Task AnApplicationSentThroughAForgedHost_MailsAConfirmationLinkToTheConfiguredAddress()
    {
        var client = factory.CreatePortalClient();
        client.BaseAddress = new Uri("http://evil.example/");
        var email = $"candidate-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var lanaudiere = await factory.SectionAsync("lanaudiere");

        var sent = await client.SubmitFormAsync("/lanaudiere/compte/inscription", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Camille", ["Input.LastName"] = "Essai", ["Input.Email"] = email, ["Input.Password"] = "un mot de passe solide 42",
            ["Input.ConfirmPassword"] = "un mot de passe solide 42", ["Input.Employer"] = "CISSS de Lanaudière", ["Input.HomeSectionId"] = lanaudiere.Id.ToString(),
            ["Input.Consent"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var message = await Mailbox.WaitForAsync(email);
        Assert.StartsWith("http://localhost:5080/lanaudiere/compte/confirmer?", Mailbox.Link(message, "/compte/confirmer"));
    }

    [Fact]
    public async Task LongestNamesTheFormTakes_NeitherBreakTheApplication_NorTheRegionsPublications()
    {
        var client = factory.CreatePortalClient();
        var email = $"long-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var region = await factory.SectionAsync("gaspesie-iles-de-la-madeleine");

        var sent = await client.SubmitFormAsync("/compte/inscription", new Dictionary<string, string>
        {
            ["Input.FirstName"] = new string('é', 100), ["Input.LastName"] = new string('à', 100), ["Input.Email"] = email,
            ["Input.Password"] = "un mot de passe solide 42", ["Input.ConfirmPassword"] = "un mot de passe solide 42",
            ["Input.Employer"] = new string('c', 200), ["Input.HomeSectionId"] = region.Id.ToString(), ["Input.Consent"] = "true",
        });
        Assert.True(sent.StatusCode == HttpStatusCode.Redirect, $"{(int)sent.StatusCode} {await sent.TextAsync()}");
        var applicant = await Mailbox.WaitForAsync(email);
        Assert.True(applicant.To.Mailboxes.Single().Name.Length <= RqiiacPortail.Web.Infrastructure.Text.PersonName.MaxLength);

        // Approved, and wanting an e-mail for each new tool of the region: a colleague's tool still goes out.
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            user.EmailConfirmed = true;
            user.Status = RqiiacPortail.Web.Modules.Members.MembershipStatus.Approved;
            db.Add(new RqiiacPortail.Web.Modules.Members.SectionRole { UserId = userId, SectionId = region.Id, Role = Roles.Member, GrantedAt = DateTimeOffset.UtcNow });
            db.Add(new RqiiacPortail.Web.Modules.Notifications.NotificationPreference
            {
                UserId = userId, Kind = RqiiacPortail.Web.Modules.Tools.ToolsModule.NewToolInRegion.Key,
                Delivery = RqiiacPortail.Web.Modules.Notifications.Contracts.Delivery.Email,
            });
            return await db.SaveChangesAsync();
        });
        var colleague = await factory.CreateMemberAsync("gaspesie-iles-de-la-madeleine");
        var author = factory.CreatePortalClient();
        await author.SignInAsync(colleague);
        var shared = await author.SubmitMultipartAsync("/gaspesie-iles-de-la-madeleine/outils/nouveau",
        [
            new("Input.Title", "Carte des ressources des Îles"), new("Input.Summary", "Une carte."), new("Input.SectionId", region.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"), new("Input.Links", "https://rqiiac.qc.ca/carte"),
        ], []);

        Assert.True(shared.StatusCode == HttpStatusCode.Redirect, $"{(int)shared.StatusCode} {await shared.TextAsync()}");
        Assert.DoesNotContain("/verification", shared.Headers.Location!.OriginalString);
        await Mailbox.WaitForAsync(email, m => m.Subject.Contains("Carte des ressources"));
    }

    [Theory]
    [InlineData("/outils\t")]
    [InlineData("/outils\nSet-Cookie: x=y")]
    [InlineData("/\u3000/evil.example")]
    [InlineData("/\u202Eoutils")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task AHostileReturnAddress_AfterSignIn_GoesHome(string returnUrl)
    {
        var member = await factory.CreateMemberAsync("lanaudiere");
        var client = factory.CreatePortalClient();
        var url = $"/compte/connexion?ReturnUrl={Uri.EscapeDataString(returnUrl)}";

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        var response = await client.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Email"] = member.Email, ["Input.Password"] = member.Password, ["ReturnUrl"] = returnUrl });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}

public sealed class SqliteHostileInputTests(SqlitePortalFactory factory) : HostileInputTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresHostileInputTests(PostgresPortalFactory factory) : HostileInputTests<PostgresPortalFactory>(factory);
