using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.Tests.Security;

/// <summary>
/// Every administration page and action against every kind of person. Lanaudière is "the" region: its
/// coordinator and moderator act there; the "other member" belongs to Montérégie.
/// </summary>
public abstract class AuthorizationMatrixTests<TFactory>(AuthorizationMatrixTests<TFactory>.Personas personas) : IClassFixture<AuthorizationMatrixTests<TFactory>.Personas>
    where TFactory : PortalFactory, new()
{
    public const string Anonymous = "anonyme", Member = "membre", OtherMember = "membre d'une autre région", Coordinator = "coordination",
        Moderator = "modération", Board = "CA", Administrator = "administration";

    private const int Ok = 200, SignIn = 302, Denied = 403, Redirect = 302, Invalid = 422, Hidden = 404, Forged = 400;

    // A page open to visitors checks the antiforgery token before anything else: an anonymous post has none (Forged).
    // path placeholders: {lanaudiere} {monteregie} {application} {member} {othermember} (of Montérégie), and {tool} {file}: a tool the member
    // shared in Lanaudière for the section's members only, with one PDF.
    public static MatrixRows Matrix()
    {
        var data = new MatrixRows(Anonymous, Member, OtherMember, Coordinator, Moderator, Board, Administrator);
        void Row(string method, string path, params int[] expected) => data.Row(method, path, expected);
        //  method  path                                           anon    member  other   coord   mod     board   admin
        Row("GET", "/membres",                                     SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        // The bulletin: its archive, a published issue and the feed are public, under a region's address too.
        Row("GET", "/bulletin",                                    Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/bulletin/41",                                 Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/bulletin/atom.xml",                           Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/bulletin/999999",                             Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/lanaudiere/bulletin",                         Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        // Subscribing: open to all (a visitor's post without a token is forged); the unsubscribe POST needs no token (RFC 8058).
        Row("GET", "/bulletin/abonnement",                         Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/bulletin/abonnement",                        Forged, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("POST", "/bulletin/abonnement?handler=Membre",         Forged, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect);
        Row("GET", "/bulletin/abonnement/confirmer?code=inconnu",  Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/bulletin/abonnement/confirmer?code=inconnu", Forged, Forged, Forged, Forged, Forged, Forged, Forged);
        Row("GET", "/bulletin/desabonnement/inconnu",              Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/bulletin/desabonnement/inconnu",             Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        // Writing and sending: the board's (and the administrators', who hold every permission). 43 is the recipe's draft.
        Row("GET", "/bulletin/43",                                 Hidden, Hidden, Hidden, Hidden, Hidden, Ok,     Ok);
        Row("GET", "/bulletin/redaction",                          SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("POST", "/bulletin/redaction",                         SignIn, Denied, Denied, Denied, Denied, Invalid, Invalid);
        Row("GET", "/bulletin/rediger",                            SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("POST", "/bulletin/rediger",                           SignIn, Denied, Denied, Denied, Denied, Invalid, Invalid);
        Row("GET", "/bulletin/rediger/43",                         SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("GET", "/bulletin/43/apercu",                          SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("GET", "/bulletin/43/apercu?handler=Courriel",         SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("POST", "/bulletin/43/apercu?handler=Essai",           SignIn, Denied, Denied, Denied, Denied, Redirect, Redirect);
        Row("POST", "/bulletin/43/apercu?handler=Programmer",      SignIn, Denied, Denied, Denied, Denied, Invalid, Invalid);
        Row("GET", "/bulletin/43/envois",                          SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("GET", "/bulletin/43/envois?handler=Csv",              SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("POST", "/bulletin/43/envois?handler=Renvoyer",        SignIn, Denied, Denied, Denied, Denied, Redirect, Redirect);
        Row("GET", "/bulletin/images/999999/image.png",            Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/annonces/999999",                             Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/admin",                                       SignIn, Denied, Denied, Ok,     Ok,     Ok,     Ok);
        Row("GET", "/admin/sections",                              SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("GET", "/admin/sections/nouvelle",                     SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("POST", "/admin/sections/nouvelle",                    SignIn, Denied, Denied, Denied, Denied, Denied, Invalid);
        Row("GET", "/admin/sections/{lanaudiere}",                 SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/admin/sections/{lanaudiere}",                SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("GET", "/admin/sections/{monteregie}",                 SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("GET", "/admin/ma-section",                            SignIn, Denied, Denied, Redirect, Denied, Denied, Denied);
        Row("GET", "/admin/demandes",                              SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("GET", "/admin/demandes/{application}",                SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/admin/demandes/{application}?handler=Refuser", SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("GET", "/admin/membres",                               SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("GET", "/admin/membres/{member}",                      SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/admin/membres/{member}?handler=Attribuer",   SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("POST", "/admin/membres/{member}?handler=National",    SignIn, Denied, Denied, Denied, Denied, Denied, Redirect);
        Row("POST", "/admin/membres/{member}?handler=Supprimer",   SignIn, Denied, Denied, Denied, Denied, Denied, Invalid);
        Row("GET", "/admin/membres/{othermember}",                 SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("GET", "/admin/taxonomie",                             SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("POST", "/admin/taxonomie?handler=Supprimer",          SignIn, Denied, Denied, Denied, Denied, Denied, Hidden);
        Row("POST", "/admin/taxonomie?handler=Deplacer",           SignIn, Denied, Denied, Denied, Denied, Denied, Hidden);
        Row("GET", "/admin/recherche",                             SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("POST", "/admin/recherche?handler=Reconstruire",       SignIn, Denied, Denied, Denied, Denied, Denied, Redirect);
        Row("GET", "/admin/courriels",                             SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("GET", "/admin/courriels?etat=Uncertain",              SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("POST", "/admin/courriels?handler=Renvoyer&id=0",      SignIn, Denied, Denied, Denied, Denied, Denied, Redirect);
        Row("POST", "/admin/courriels?handler=Envoye&id=0",        SignIn, Denied, Denied, Denied, Denied, Denied, Redirect);
        Row("GET", "/admin/annonces",                              SignIn, Denied, Denied, Ok,     Denied, Ok,     Ok);
        Row("POST", "/admin/annonces",                             SignIn, Denied, Denied, Invalid, Denied, Invalid, Invalid);
        Row("GET", "/compte",                                      SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/compte",                                     SignIn, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("GET", "/compte/mot-de-passe",                         SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/compte/mot-de-passe",                        SignIn, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("GET", "/compte/donnees",                              SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/compte/supprimer",                            SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/compte/supprimer",                           SignIn, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("GET", "/notifications",                               SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/notifications/preferences",                   SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/outils",                                      Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/outils/nouveau",                              SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/outils/nouveau",                             SignIn, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("GET", "/lanaudiere/outils/{tool}",                    SignIn, Ok,     Hidden, Ok,     Ok,     Hidden, Ok);
        Row("GET", "/lanaudiere/outils/{tool}/fichiers/{file}",    SignIn, Ok,     Hidden, Ok,     Ok,     Hidden, Ok);
        Row("GET", "/lanaudiere/outils/{tool}/modifier",           SignIn, Ok,     Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/lanaudiere/outils/{tool}/modifier",          SignIn, Invalid, Denied, Invalid, Denied, Denied, Invalid);
        Row("POST", "/lanaudiere/outils/{tool}?handler=NouvelleVersion", Forged, Invalid, Hidden, Invalid, Denied, Hidden, Invalid);
        Row("GET", "/lanaudiere/outils/{tool}/verification",       SignIn, Ok,     Hidden, Ok,     Denied, Hidden, Ok);
        Row("GET", "/lanaudiere/outils/{tool}/verification?handler=Analyse", SignIn, Ok, Hidden, Ok, Denied, Hidden, Ok);
        Row("GET", "/recherche?q=outil",                           Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/compte/confirmation/renvoyer",                Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/compte/confirmation/renvoyer",               Forged, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("GET", "/lanaudiere/admin/demandes",                   SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("GET", "/monteregie/admin/demandes",                   SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Access(string persona, string method, string path, int expected)
    {
        var client = personas.Clients[persona];
        var url = personas.Resolve(path);
        HttpResponseMessage response;
        if (method == "GET")
        {
            response = await client.GetAsync(url);
        }
        else
        {
            // A real token for this person: what a forged cross-site post cannot have. Posts are sent empty,
            // so an allowed person meets validation (422) and nothing is changed.
            var token = personas.Tokens.GetValueOrDefault(persona, "");
            response = await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.AccentColor", "")]));
        }

        Assert.True((int)response.StatusCode == expected, $"{persona} {method} {url}: expected {expected}, got {(int)response.StatusCode}");
        if (expected == SignIn && persona == Anonymous) Assert.Contains("/compte/connexion", response.Headers.Location!.OriginalString);
    }

    public sealed class Personas : MatrixPersonas, IAsyncLifetime
    {
        private readonly TFactory _factory = new();

        public async Task InitializeAsync()
        {
            await ((IAsyncLifetime)_factory).InitializeAsync();
            var accounts = new Dictionary<string, TestAccount>
            {
                [Member] = await _factory.CreateMemberAsync("lanaudiere"),
                [OtherMember] = await _factory.CreateMemberAsync("monteregie"),
                [Coordinator] = await _factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator)),
                [Moderator] = await _factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator)),
                [Board] = await _factory.CreateMemberAsync("estrie", [], [Roles.Board]),
                [Administrator] = await _factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]),
            };
            await SignInAsync(_factory, Anonymous, accounts);

            Placeholders["{lanaudiere}"] = (await _factory.SectionAsync("lanaudiere")).Id.ToString();
            Placeholders["{monteregie}"] = (await _factory.SectionAsync("monteregie")).Id.ToString();
            Placeholders["{member}"] = accounts[Member].UserId;
            Placeholders["{othermember}"] = accounts[OtherMember].UserId;
            Placeholders["{application}"] = (await PendingApplicationAsync()).ToString();
            await SharedToolAsync(Clients[Member]);
        }

        private async Task SharedToolAsync(HttpClient author)
        {
            var shared = await author.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
                [new("Input.Title", "Outil de la matrice"), new("Input.Summary", "Un outil réservé aux membres de Lanaudière."),
                 new("Input.SectionId", Placeholders["{lanaudiere}"]), new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "SectionMembers")],
                [("Input.Files", "matrice.pdf", SampleFiles.Pdf("Matrice"))]);
            Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
            var tool = int.Parse(shared.Headers.Location!.OriginalString.Split("/outils/")[1].Split('/')[0]);
            await _factory.EventsHandledAsync();
            Placeholders["{tool}"] = tool.ToString();
            Placeholders["{file}"] = (await _factory.WithDbAsync(db => db.Set<ToolFile>().Where(f => f.ToolId == tool).Select(f => f.Id).SingleAsync())).ToString();
        }

        private async Task<int> PendingApplicationAsync()
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var lanaudiere = await _factory.SectionAsync("lanaudiere");
            var user = new PortalUser
            {
                UserName = "demandeur-matrice", Email = "demandeur-matrice@test.rqiiac.qc.ca", EmailConfirmed = true,
                FirstName = "Demandeur", LastName = "Matrice", HomeSectionId = lanaudiere.Id, Status = MembershipStatus.AwaitingApproval,
            };
            Assert.True((await users.CreateAsync(user, "mot de passe du demandeur")).Succeeded);
            var application = new MembershipApplication { UserId = user.Id, SectionId = lanaudiere.Id, Status = MembershipStatus.AwaitingApproval, SubmittedAt = DateTimeOffset.UtcNow };
            db.Add(application);
            await db.SaveChangesAsync();
            return application.Id;
        }

        public async Task DisposeAsync() => await ((IAsyncLifetime)_factory).DisposeAsync();
    }
}

public sealed class SqliteAuthorizationMatrixTests(AuthorizationMatrixTests<SqlitePortalFactory>.Personas personas) : AuthorizationMatrixTests<SqlitePortalFactory>(personas);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuthorizationMatrixTests(AuthorizationMatrixTests<PostgresPortalFactory>.Personas personas) : AuthorizationMatrixTests<PostgresPortalFactory>(personas);
