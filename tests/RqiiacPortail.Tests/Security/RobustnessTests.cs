using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Security;

/// <summary>The medium and low findings of the attack (issue 9): headers, addresses, hidden characters, health, drafts.</summary>
public abstract class RobustnessTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PortalFactory
{
    protected TFactory Portal => factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/lanaudiere/outils")]
    [InlineData("/page-qui-n-existe-pas")]
    [InlineData("/compte/connexion")]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndAllowsTheLayoutsStyleByItsHash(string url)
    {
        var response = await factory.CreatePortalClient().GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("connect-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        // By hash, not nonce: a page kept whole for every visitor still matches the header it goes out with.
        var style = Html.Parse(await response.BodyAsync()).QuerySelector("head style")!.TextContent;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style)));
        Assert.Contains($"style-src 'self' 'sha256-{hash}';", csp);
        Assert.DoesNotContain("nonce", csp);
    }

    [Theory]
    [InlineData("Input.Email", "a,b@example.org", "Cette adresse courriel n'est pas valide.")]
    [InlineData("Input.Email", "Attacker <x@evil.example", "Cette adresse courriel n'est pas valide.")]
    [InlineData("Input.Email", "x@evil.example>", "Cette adresse courriel n'est pas valide.")]
    [InlineData("Input.FirstName", "Jos\u0001ée", "ni retour à la ligne, ni caractère de contrôle")]
    [InlineData("Input.FirstName", "Josée\r\nBcc: tous@example.org", "ni retour à la ligne, ni caractère de contrôle")]
    [InlineData("Input.LastName", "Lé\u200Btourneau", "ni retour à la ligne, ni caractère de contrôle")]
    [InlineData("Input.Employer", "CISSS \u202Eexe.fdp", "ni retour à la ligne, ni caractère de contrôle")]
    public async Task AnApplicationWithAnUnreadableAddressOrHiddenCharacters_IsRefusedNextToTheField(string field, string value, string message)
    {
        var region = await factory.SectionAsync("estrie");
        var email = $"cache-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var form = new Dictionary<string, string>
        {
            ["Input.FirstName"] = "Josée", ["Input.LastName"] = "Létourneau", ["Input.Email"] = email, ["Input.Password"] = "une phrase de passe solide",
            ["Input.ConfirmPassword"] = "une phrase de passe solide", ["Input.Employer"] = "CISSS de l'Estrie", ["Input.HomeSectionId"] = region.Id.ToString(),
            ["Input.Consent"] = "true",
        };
        form[field] = value;

        var response = await factory.CreatePortalClient().SubmitFormAsync("/compte/inscription", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, Html.FieldError(Html.Parse(await response.BodyAsync()), field));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email || u.Email == value)));
    }

    [Fact]
    public async Task AHandlerThePageDoesNotHave_IsAClientError_NeverA500()
    {
        var member = factory.CreatePortalClient();
        await member.SignInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var token = (await member.GetDocumentAsync("/compte/deconnexion")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        // Pages with named handlers only (no plain OnPost, as a registration's page) rendered their unloaded model for an
        // unknown one: the events' matrix tries that page.
        foreach (var page in new[] { "/outils", "/forum", "/evenements", "/compte", "/notifications", "/lanaudiere/", "/forum/sujets/1", "/admin/moderation" })
        {
            var read = await member.GetAsync($"{page}?handler=Inconnu");
            Assert.True((int)read.StatusCode < 500, $"GET {page}: {(int)read.StatusCode}");
            var posted = await member.PostAsync($"{page}?handler=Inconnu", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.True((int)posted.StatusCode < 500, $"POST {page}: {(int)posted.StatusCode}");
        }
    }

    [Fact]
    public async Task AFileNameWithARightToLeftOverride_IsShownNeutralised()
    {
        var member = await factory.CreateMemberAsync("estrie");
        var client = factory.CreatePortalClient();
        await client.SignInAsync(member);
        var region = await factory.SectionAsync("estrie");

        var shared = await client.SubmitMultipartAsync("/estrie/outils/nouveau",
        [
            new("Input.Title", "Grille déguisée"), new("Input.Summary", "Une grille."), new("Input.SectionId", region.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"),
        ], [("Input.Files", "grille\u202Efdp.exe.pdf", SampleFiles.Pdf("Grille"))]);
        var page = await client.GetAsync(shared.Headers.Location!.OriginalString);
        var toolId = int.Parse(shared.Headers.Location!.OriginalString.Split("/outils/")[1].Split('/')[0]);
        var name = await factory.WithDbAsync(db => db.Set<ToolFile>().Where(f => f.ToolId == toolId).Select(f => f.FileName).SingleAsync());

        Assert.Equal("grillefdp.exe.pdf", name);
        Assert.False((await page.BodyAsync()).Contains((char)0x202E));
    }

    [Fact]
    public async Task TheHealthCheck_ShowsItsCountsToAdministratorsOnly()
    {
        var admin = factory.CreatePortalClient();
        await admin.SignInAsync(await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]));
        var member = factory.CreatePortalClient();
        await member.SignInAsync(await factory.CreateMemberAsync("capitale-nationale"));

        using var visitor = JsonDocument.Parse(await factory.CreatePortalClient().GetStringAsync("/health"));
        using var signedIn = JsonDocument.Parse(await member.GetStringAsync("/health"));
        using var administrator = JsonDocument.Parse(await admin.GetStringAsync("/health"));

        Assert.Equal(["statut"], visitor.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["statut"], signedIn.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(administrator.RootElement.TryGetProperty("verifications", out var checks));
        Assert.True(checks.TryGetProperty("recherche", out _));
    }

    [Theory]
    [InlineData("/compte/connexion")]
    [InlineData("/compte/inscription")]
    [InlineData("/notifications/preferences")]
    [InlineData("/compte/supprimer")]
    public async Task NoFormCarriesEnglishValidationTexts(string url)
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync(await factory.CreateMemberAsync("estrie"));
        if (url.EndsWith("connexion") || url.EndsWith("inscription")) client = factory.CreatePortalClient();

        var page = await client.GetDocumentAsync(url);
        var texts = page.QuerySelectorAll("[data-val-required], [data-val-number], [data-val-range]")
            .SelectMany(e => e.Attributes.Where(a => a.Name.StartsWith("data-val-")).Select(a => a.Value)).ToList();

        Assert.DoesNotContain(texts, t => t.StartsWith("The ", StringComparison.Ordinal) || t.Contains(" field ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARefusedForm_ListsItsErrorsAtTheTop_WithLinks_KeepsWhatWasTyped_ButThePasswords()
    {
        var region = await factory.SectionAsync("estrie");
        var response = await factory.CreatePortalClient().SubmitFormAsync("/compte/inscription", new Dictionary<string, string>
        {
            ["Input.FirstName"] = "", ["Input.LastName"] = "Létourneau", ["Input.Email"] = "pas-une-adresse", ["Input.Password"] = "une phrase de passe solide",
            ["Input.ConfirmPassword"] = "une phrase de passe solide", ["Input.Employer"] = "CISSS de l'Estrie", ["Input.HomeSectionId"] = region.Id.ToString(),
            ["Input.Consent"] = "true",
        });
        var page = Html.Parse(await response.BodyAsync());

        var summary = page.QuerySelector("main form .error-summary[role=alert][tabindex='-1']")!;
        var links = summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#Input_FirstName", links);
        Assert.Contains("#Input_Email", links);
        Assert.Equal("true", page.QuerySelector("#Input_FirstName")!.GetAttribute("aria-invalid"));
        Assert.Equal("true", page.QuerySelector("#Input_FirstName")!.GetAttribute("aria-required"));
        Assert.Contains("(obligatoire)", page.QuerySelector("label[for=Input_FirstName]")!.TextContent);
        Assert.Equal("CISSS de l'Estrie", page.QuerySelector("#Input_Employer")!.GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(page.QuerySelector("#Input_Password")!.GetAttribute("value")));
    }

    [Fact]
    public async Task TheHomeAndRegionsPages_PromiseOnlyWhatTheSiteOffers()
    {
        var client = factory.CreatePortalClient();
        var regions = (await client.GetDocumentAsync("/regions")).QuerySelector("main .lead")!.TextContent;
        var home = (await client.GetDocumentAsync("/")).QuerySelector("main .lead")!.TextContent;

        Assert.Contains("boîte à outils", regions);
        Assert.Contains("discussions", regions);
        Assert.Contains("événements", regions);
        Assert.DoesNotContain("récits", regions);
        Assert.Contains("s'y ajouteront", home);
    }

    [Fact]
    public async Task TheFavicon_IsServed_AndEveryPageNamesIt()
    {
        var client = factory.CreatePortalClient();
        var ico = await client.GetAsync("/favicon.ico");
        var icon = await client.GetAsync(ico.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync("/lanaudiere/");

        Assert.Equal(HttpStatusCode.MovedPermanently, ico.StatusCode);
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(page.QuerySelector("head link[rel=icon][href*='favicon']"));
    }

    [Fact]
    public async Task AnErrorPageUnderASection_CarriesTheSectionsName()
    {
        var response = await factory.CreatePortalClient().GetAsync("/lanaudiere/page-qui-n-existe-pas");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = Html.Parse(await response.BodyAsync());
        Assert.Equal("Page introuvable · Lanaudière · RQIIAC", page.Title);
        Assert.NotNull(page.QuerySelector("main a[href='/lanaudiere/']"));
    }

    [Fact]
    public async Task AClosedAccountsPublishedTool_ShowsAWithdrawnMember_NotTheirName()
    {
        var account = await factory.CreateMemberAsync("estrie");
        var region = await factory.SectionAsync("estrie");
        var name = await factory.WithDbAsync(db => db.Users.Where(u => u.Id == account.UserId).Select(u => u.FirstName + " " + u.LastName).SingleAsync());
        var client = factory.CreatePortalClient();
        await client.SignInAsync(account);
        var shared = await client.SubmitMultipartAsync("/estrie/outils/nouveau",
        [
            new("Input.Title", "Guide laissé à la communauté"), new("Input.Summary", "Un guide."), new("Input.SectionId", region.Id.ToString()),
            new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public"), new("Input.Author", name), new("Input.Links", "https://rqiiac.qc.ca/guide"),
        ], []);
        var url = shared.Headers.Location!.OriginalString;

        await client.SubmitFormAsync("/compte/supprimer", new Dictionary<string, string> { ["Input.Password"] = account.Password, ["Input.Understood"] = "true" });

        var page = await (await factory.CreatePortalClient().GetAsync(url)).BodyAsync();
        Assert.Contains("Membre retiré·e", page);
        Assert.DoesNotContain(name, page);
    }

    [Theory]
    [InlineData(ToolStatus.Draft)]
    [InlineData(ToolStatus.Withdrawn)]
    public async Task AVisitorAskingForADraftOrAWithdrawnTool_Gets404LikeAMissingOne(ToolStatus status)
    {
        var region = await factory.SectionAsync("estrie");
        var id = await factory.WithDbAsync(async db =>
        {
            var tool = new Tool
            {
                SectionId = region.Id, Title = "Outil pas encore publié", Summary = "…", Licence = "cc-by-4.0", CreatedById = "quelqu-un",
                Status = status, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Add(tool);
            await db.SaveChangesAsync();
            return tool.Id;
        });

        var response = await factory.CreatePortalClient().GetAsync($"/estrie/outils/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class SqliteRobustnessTests(SqlitePortalFactory factory) : RobustnessTests<SqlitePortalFactory>(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRobustnessTests(PostgresRobustnessTests.ShortPoolFactory factory) : RobustnessTests<PostgresRobustnessTests.ShortPoolFactory>(factory)
{
    /// <summary>Idle connections go back after a second, so that the test sees the pool empty out.</summary>
    public sealed class ShortPoolFactory : PostgresPortalFactory
    {
        protected override string ConnectionString => base.ConnectionString + ";Connection Idle Lifetime=1;Connection Pruning Interval=1";

        public string DatabaseName => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
    }

    [Fact]
    public async Task AfterABurst_TheConnectionsGoBackToTheServer()
    {
        var client = Portal.CreatePortalClient();
        var burst = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetAsync(i % 2 == 0 ? "/outils" : "/estrie/outils")));
        Assert.All(burst, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        await using var admin = new NpgsqlConnection($"{TestServices.Postgres};Database=postgres");
        await admin.OpenAsync();
        long open = long.MaxValue;
        for (var i = 0; i < 100 && open > 3; i++)
        {
            await Task.Delay(200);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @db", admin);
            count.Parameters.AddWithValue("db", Portal.DatabaseName);
            open = (long)(await count.ExecuteScalarAsync())!;
        }
        Assert.True(open <= 3, $"{open} connections still open after the burst");
    }
}

public sealed class ConnectionStringTests
{
    [Fact]
    public void ThePostgresPool_IsBoundedUnlessTheSettingSaysOtherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(DataModule.PostgresConnectionString("Host=db;Database=rqiiac;Username=rqiiac"));
        var chosen = new NpgsqlConnectionStringBuilder(DataModule.PostgresConnectionString("Host=db;Database=rqiiac;Maximum Pool Size=80;Connection Idle Lifetime=120"));

        Assert.Equal(30, defaults.MaxPoolSize);
        Assert.Equal(30, defaults.ConnectionIdleLifetime);
        Assert.Equal(80, chosen.MaxPoolSize);
        Assert.Equal(120, chosen.ConnectionIdleLifetime);
    }
}
