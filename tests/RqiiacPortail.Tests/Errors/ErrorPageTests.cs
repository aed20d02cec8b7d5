using System.Net;
using RqiiacPortail.Tests.Forum;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Errors;

namespace RqiiacPortail.Tests.Errors;

/// <summary>
/// The Errors module: every error status answered by a French page that keeps the status, under the section's
/// look, with the refusing page's own explanation when it gave one; the module's segment is no section's.
/// </summary>
public abstract class ErrorPageTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    [Fact]
    public async Task AnUnknownAddress_Answers404_WithAFrenchPage_InTheSectionsLook()
    {
        var visitor = factory.CreatePortalClient();

        var national = await visitor.GetAsync("/pas-une-page");
        Assert.Equal(HttpStatusCode.NotFound, national.StatusCode);
        var page = await national.DocumentAsync();
        Assert.Equal("Page introuvable", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("fr-CA", page.DocumentElement.GetAttribute("lang"));

        var region = await (await visitor.GetAsync("/lanaudiere/pas-une-page")).DocumentAsync();
        Assert.Equal("Page introuvable · Lanaudière · RQIIAC", region.Title);
    }

    [Fact]
    public async Task AForgedForm_Answers400_InFrench_AndASignedInOutsider403()
    {
        var visitor = factory.CreatePortalClient();
        var forged = await visitor.PostAsync("/compte/connexion", new FormUrlEncodedContent([new("Input.Email", "x@exemple.test")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("Requête invalide", (await forged.DocumentAsync()).QuerySelector("main h1")!.TextContent.Trim());

        var member = await factory.SignedInAsync(await factory.CreateMemberAsync("lanaudiere"));
        var denied = await member.GetAsync("/admin/sections");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("Accès refusé", (await denied.DocumentAsync()).QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task ThePageThatRefused_SaysWhy_InsteadOfTheGeneralMessage()
    {
        // A member of another region before a section's own category: reserved, not « introuvable ».
        var outsider = await factory.SignedInAsync(await factory.CreateMemberAsync("monteregie"));
        var response = await outsider.GetAsync($"/lanaudiere/forum/{ForumSteps.LanaudiereHelp}");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Réservé aux membres de la section", (await response.DocumentAsync()).QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheErrorPageItself_TakesAnyStatus_AndTheModulesSegmentIsNoSections()
    {
        var visitor = factory.CreatePortalClient();
        var teapot = await visitor.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, ErrorsModule.PagePattern, 999));
        Assert.Equal(HttpStatusCode.BadRequest, teapot.StatusCode);
        Assert.Equal("Erreur", (await teapot.DocumentAsync()).QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await visitor.GetAsync("/erreur/429")).StatusCode);
        var reserved = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Modules.Sections.ReservedSlugs>(factory.Services);
        Assert.True(reserved.Contains(ErrorsModule.Segment));
    }
}

public sealed class SqliteErrorPageTests(SqlitePortalFactory factory) : ErrorPageTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresErrorPageTests(PostgresPortalFactory factory) : ErrorPageTests<PostgresPortalFactory>(factory);
