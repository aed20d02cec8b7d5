using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using static RqiiacPortail.Tests.Events.EventSteps;

namespace RqiiacPortail.Tests.Events;

/// <summary>
/// Every events page and action against every kind of person. Lanaudière is "the" section: its coordination
/// organizes its events; the other member and the other coordination belong to Montérégie; the board organizes the
/// national events only; administrators organize all.
/// </summary>
public abstract class EventAuthorizationMatrixTests<TFactory>(EventAuthorizationMatrixTests<TFactory>.Personas personas)
    : IClassFixture<EventAuthorizationMatrixTests<TFactory>.Personas> where TFactory : PortalFactory, new()
{
    public const string Anonymous = "anonyme", Member = "membre", OtherMember = "membre d'une autre section", Coordinator = "coordination de la section",
        OtherCoordinator = "coordination d'une autre section", Board = "CA", Administrator = "administration";

    // SignIn is a 302 to the sign-in page; Redirect a 302 anywhere else.
    private const int Ok = 200, SignIn = MatrixPersonas.SignIn, Redirect = 302, Denied = 403, Hidden = 404, Invalid = 422, Forged = 400;

    // {event} a published event of Lanaudière (a required question: an empty post is invalid), {draft} a draft of
    // Lanaudière, {members} a members-only one, {cancelled} a cancelled one, {national} a national event; {eventid}…
    // their numbers; {code} a registration to {event} and {registration} its number.
    public static MatrixRows Matrix()
    {
        var data = new MatrixRows(Anonymous, Member, OtherMember, Coordinator, OtherCoordinator, Board, Administrator);
        void Row(string method, string path, params int[] expected) => data.Row(method, path, expected);
        //  method  path                                                        anon    member  other   coord   othercoord board admin
        Row("GET", "/evenements",                                               Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/lanaudiere/evenements",                                    Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/evenements/calendrier.ics",                                Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/lanaudiere/evenements/calendrier.ics",                     Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/lanaudiere/evenements/{event}",                            Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/lanaudiere/evenements/{draft}",                            Hidden, Hidden, Hidden, Ok,     Hidden, Hidden, Ok);
        Row("GET", "/evenements/{national}",                                    Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/lanaudiere/evenements/{event}/inscription",                Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/lanaudiere/evenements/{event}/inscription",               Forged, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("GET", "/lanaudiere/evenements/{draft}/inscription",                Hidden, Hidden, Hidden, Ok,     Hidden, Hidden, Ok);
        Row("GET", "/lanaudiere/evenements/{members}/inscription",              SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/lanaudiere/evenements/{cancelled}/inscription",           Forged, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("GET", "/evenements/inscriptions/{code}",                           Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        // The registration's own address is its key (as the page is): the .ics of the event.
        Row("GET", "/evenements/inscriptions/{code}?handler=Agenda",            Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/evenements/inscriptions/pas-un-code",                      Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/evenements/inscriptions/{code}?handler=Attestation",       409,    409,    409,    409,    409,    409,    409);
        Row("GET", "/evenements/inscriptions/{code}?handler=Confirmer&cle=x",   400,    400,    400,    400,    400,    400,    400);
        Row("POST", "/evenements/inscriptions/{code}?handler=Confirmer",        Forged, 404,    404,    404,    404,    404,    404);
        Row("GET", "/evenements/mes-inscriptions",                              SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/evenements/mes-inscriptions?handler=Calendrier",          SignIn, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect);
        Row("GET", "/evenements/calendrier/pas-un-secret.ics",                  Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/admin/evenements",                                         SignIn, Denied, Denied, Ok,     Ok,     Ok,     Ok);
        Row("GET", "/admin/evenements/nouveau?section={lanaudiere}",            SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/admin/evenements/nouveau?section={lanaudiere}",           SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("GET", "/admin/evenements/nouveau?section={nationalsection}",       SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("GET", "/admin/evenements/{eventid}",                               SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/admin/evenements/{eventid}",                              SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("POST", "/admin/evenements/{eventid}?handler=Publier",              SignIn, Denied, Denied, Redirect, Denied, Denied, Redirect);
        Row("POST", "/admin/evenements/{cancelledid}?handler=Annuler",          SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("GET", "/admin/evenements/{nationalid}",                            SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("POST", "/admin/evenements/{nationalid}",                           SignIn, Denied, Denied, Denied, Denied, Invalid, Invalid);
        Row("GET", "/admin/evenements/{eventid}/inscriptions",                  SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("GET", "/admin/evenements/{eventid}/inscriptions?handler=Csv",      SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/admin/evenements/{eventid}/inscriptions?handler=Ecrire",  SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("POST", "/admin/evenements/{eventid}/inscriptions?handler=Attestations", SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("GET", "/admin/evenements/{nationalid}/inscriptions",               SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("GET", "/admin/evenements/{eventid}/accueil",                       SignIn, Denied, Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/admin/evenements/{eventid}/accueil?handler=Presence&inscription={registration}", SignIn, Denied, Denied, Redirect, Denied, Denied, Redirect);
        Row("GET", "/admin/evenements/999999",                                  SignIn, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public Task Access(string persona, string method, string path, int expected) => personas.AssertAsync(persona, method, path, expected);

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
                [OtherCoordinator] = await _factory.CreateMemberAsync("monteregie", ("monteregie", Roles.Coordinator)),
                [Board] = await _factory.CreateMemberAsync("estrie", [], [Roles.Board]),
                [Administrator] = await _factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]),
            };
            await SignInAsync(_factory, Anonymous, accounts);

            var published = await _factory.CreateEventAsync(shape: e =>
                e.Questions.Add(new RegistrationQuestion { Label = "Obligatoire", Kind = QuestionKind.ShortText, Required = true }));
            var draft = await _factory.CreateEventAsync(shape: e => e.State = EventState.Draft);
            var members = await _factory.CreateEventAsync(shape: e => e.MembersOnly = true);
            var cancelled = await _factory.CreateEventAsync(shape: e => e.State = EventState.Cancelled);
            var national = await _factory.CreateEventAsync("national");
            string Key(Event e) => PathOf(e, "").Split("/evenements/")[1];
            Placeholders["{eventid}"] = published.Id.ToString();
            Placeholders["{cancelledid}"] = cancelled.Id.ToString();
            Placeholders["{nationalid}"] = national.Id.ToString();
            Placeholders["{event}"] = Key(published);
            Placeholders["{draft}"] = Key(draft);
            Placeholders["{members}"] = Key(members);
            Placeholders["{cancelled}"] = Key(cancelled);
            Placeholders["{national}"] = Key(national);
            Placeholders["{lanaudiere}"] = (await _factory.SectionAsync("lanaudiere")).Id.ToString();
            Placeholders["{nationalsection}"] = (await _factory.SectionAsync("national")).Id.ToString();
            var code = await _factory.CreatePortalClient().RegisterAsync(published, "Inscrite de la matrice", Visitor(),
                new Dictionary<string, string> { [$"Input.Answers[{published.Questions[0].Id}]"] = "oui" });
            Placeholders["{code}"] = code;
            Placeholders["{registration}"] = (await _factory.RegistrationAsync(code)).Id.ToString();
        }

        public async Task DisposeAsync() => await ((IAsyncLifetime)_factory).DisposeAsync();
    }
}

public sealed class SqliteEventAuthorizationMatrixTests(EventAuthorizationMatrixTests<SqlitePortalFactory>.Personas personas)
    : EventAuthorizationMatrixTests<SqlitePortalFactory>(personas);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventAuthorizationMatrixTests(EventAuthorizationMatrixTests<PostgresPortalFactory>.Personas personas)
    : EventAuthorizationMatrixTests<PostgresPortalFactory>(personas);
