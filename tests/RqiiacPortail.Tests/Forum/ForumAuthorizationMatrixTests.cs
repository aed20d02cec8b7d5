using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Forum;
using RqiiacPortail.Web.Modules.Members.Contracts;
using static RqiiacPortail.Tests.Forum.ForumSteps;

namespace RqiiacPortail.Tests.Forum;

/// <summary>
/// Every forum page and action against every kind of person. Lanaudière is "the" section: its moderator acts
/// there; the other member and the other moderator belong to Montérégie. The national categories are moderated by
/// the national section's moderators and administrators only.
/// </summary>
public abstract class ForumAuthorizationMatrixTests<TFactory>(ForumAuthorizationMatrixTests<TFactory>.Personas personas)
    : IClassFixture<ForumAuthorizationMatrixTests<TFactory>.Personas> where TFactory : PortalFactory, new()
{
    public const string Anonymous = "anonyme", Member = "membre", OtherMember = "membre d'une autre section", Moderator = "modération de la section",
        OtherModerator = "modération d'une autre section", Coordinator = "coordination de la section", Board = "CA", Administrator = "administration";

    // SignIn is a 302 to the sign-in page; Redirect a 302 anywhere else.
    private const int Ok = 200, SignIn = MatrixPersonas.SignIn, Redirect = 302, Denied = 403, Hidden = 404, Invalid = 422, Forged = 400, Refused = 400;

    // {public} a thread of « Pratiques et outils » (everyone), {members} of « Éthique et dilemmes » (members), {section} of
    // Lanaudière's « Entraide » (its members); {memberpost} the member's reply in {public}; {adminpost} the administrator's;
    // {sectionpost} the first post of {section}; {pending} a new member's post waiting in Lanaudière.
    public static TheoryData<string, string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, string, int>();
        // The section's coordination moderates as its moderators do, and also keeps its categories (`coordinator` when it differs).
        void Row(string method, string path, int anonymous, int member, int other, int moderator, int otherModerator, int board, int admin, int? coordinator = null)
        {
            data.Add(Anonymous, method, path, anonymous);
            data.Add(Member, method, path, member);
            data.Add(OtherMember, method, path, other);
            data.Add(Moderator, method, path, moderator);
            data.Add(Coordinator, method, path, coordinator ?? moderator);
            data.Add(OtherModerator, method, path, otherModerator);
            data.Add(Board, method, path, board);
            data.Add(Administrator, method, path, admin);
        }
        //  method  path                                                        anon    member  other   mod     othermod board   admin
        Row("GET", "/forum",                                                    Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/lanaudiere/forum",                                         Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/forum/pratiques-et-outils",                                Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/forum/ethique-et-dilemmes",                                SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        // A region's own category and threads: others are told whose they are (403 with the reason), not sent a 404.
        Row("GET", "/lanaudiere/forum/lanaudiere-entraide",                     SignIn, Ok,     Denied, Ok,     Denied, Denied, Ok);
        Row("POST", "/forum/pratiques-et-outils?handler=Suivre",                Forged, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect);
        Row("GET", "/forum/sujets/{public}",                                    Ok,     Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        // One post as the reader sees it (what a live reply fetches): the thread's rules, and 404 for a post not on its last page.
        Row("GET", "/forum/sujets/{public}?handler=Message&message={memberpost}", Ok,   Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/forum/sujets/{public}?handler=Message&message=999999999",  Hidden, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/lanaudiere/forum/sujets/{section}?handler=Message&message={sectionpost}", SignIn, Ok, Denied, Ok, Denied, Denied, Ok);
        Row("GET", "/forum/sujets/{members}",                                   SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/lanaudiere/forum/sujets/{section}",                        SignIn, Ok,     Denied, Ok,     Denied, Denied, Ok);
        Row("GET", "/forum/messages/{memberpost}",                              Redirect, Redirect, Redirect, Redirect, Redirect, Redirect, Redirect);
        Row("GET", "/forum/messages/{sectionpost}",                             SignIn, Redirect, Hidden, Redirect, Hidden, Hidden, Redirect);
        Row("GET", "/forum/messages/{pending}",                                 SignIn, Hidden, Hidden, Redirect, Hidden, Hidden, Redirect);
        // Unknown addresses answer as hidden ones: a visitor is asked to sign in, a member gets a 404.
        Row("GET", "/forum/sujets/999999999",                                   SignIn, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/forum/messages/999999999",                                 SignIn, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/forum/pas-une-categorie",                                  SignIn, Hidden, Hidden, Hidden, Hidden, Hidden, Hidden);
        Row("GET", "/forum/pratiques-et-outils/nouveau",                        SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("POST", "/forum/pratiques-et-outils/nouveau",                       SignIn, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("GET", "/forum/annonces/nouveau",                                   SignIn, Denied, Denied, Denied, Denied, Ok,     Ok);
        Row("POST", "/forum/annonces/nouveau",                                  SignIn, Denied, Denied, Denied, Denied, Invalid, Invalid);
        Row("GET", "/lanaudiere/forum/lanaudiere-entraide/nouveau",             SignIn, Ok,     Hidden, Ok,     Hidden, Hidden, Ok);
        Row("POST", "/lanaudiere/forum/lanaudiere-entraide/nouveau",            SignIn, Invalid, Hidden, Invalid, Hidden, Hidden, Invalid);
        Row("POST", "/forum/sujets/{public}?handler=Repondre",                  Forged, Invalid, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("POST", "/lanaudiere/forum/sujets/{section}?handler=Repondre",      Forged, Invalid, Denied, Invalid, Denied, Denied, Invalid);
        Row("POST", "/forum/sujets/{public}?handler=Merci&message={memberpost}", Forged, Refused, Redirect, Redirect, Redirect, Redirect, Redirect);
        Row("POST", "/forum/sujets/{public}?handler=Signaler&message={memberpost}", Forged, Refused, Invalid, Invalid, Invalid, Invalid, Invalid);
        Row("POST", "/forum/sujets/{public}?handler=Supprimer&message={adminpost}", Forged, Denied, Denied, Denied, Denied, Denied, Redirect);
        Row("POST", "/forum/sujets/{public}?handler=Reveler&message={memberpost}", Forged, Denied, Denied, Denied, Denied, Denied, Refused);
        Row("GET", "/forum/messages/{memberpost}/modifier",                     SignIn, Ok,     Denied, Denied, Denied, Denied, Denied);
        Row("POST", "/forum/messages/{memberpost}/modifier",                    SignIn, Invalid, Denied, Denied, Denied, Denied, Denied);
        Row("GET", "/forum/messages/{memberpost}/historique",                   SignIn, Denied, Denied, Denied, Denied, Denied, Ok);
        Row("GET", "/forum/messages/{sectionpost}/historique",                  SignIn, Denied, Hidden, Ok,     Hidden, Hidden, Ok);
        Row("GET", "/forum/mentions?q=membre",                                  SignIn, Ok,     Ok,     Ok,     Ok,     Ok,     Ok);
        Row("GET", "/admin",                                                    SignIn, Denied, Denied, Ok,     Ok,     Ok,     Ok);
        Row("GET", "/admin/moderation",                                         SignIn, Denied, Denied, Ok,     Ok,     Denied, Ok);
        Row("GET", "/admin/moderation?handler=Liste",                           SignIn, Denied, Denied, Ok,     Ok,     Denied, Ok);
        Row("POST", "/admin/moderation?handler=Approuver",                      SignIn, Denied, Denied, Invalid, Invalid, Denied, Invalid);
        Row("POST", "/admin/moderation?handler=Refuser&message={pending}",      SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("POST", "/admin/moderation?handler=Masquer&message={memberpost}",   SignIn, Denied, Denied, Denied, Denied, Denied, Invalid);
        Row("POST", "/admin/moderation?handler=Deplacer&sujet={section}",       SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("POST", "/admin/moderation?handler=Suspendre&message={sectionpost}", SignIn, Denied, Denied, Invalid, Denied, Denied, Invalid);
        Row("GET", "/admin/journal",                                            SignIn, Denied, Denied, Ok,     Ok,     Denied, Ok);
        Row("GET", "/admin/discussions",                                        SignIn, Denied, Denied, Denied, Denied, Denied, Ok,     coordinator: Redirect);
        Row("GET", "/admin/discussions/{lanaudiere}",                           SignIn, Denied, Denied, Denied, Denied, Denied, Ok,     coordinator: Ok);
        Row("GET", "/admin/discussions/{national}",                             SignIn, Denied, Denied, Denied, Denied, Denied, Ok,     coordinator: Denied);
        Row("POST", "/admin/discussions/{lanaudiere}?handler=Ajouter",          SignIn, Denied, Denied, Denied, Denied, Denied, Invalid, coordinator: Invalid);
        Row("POST", "/admin/discussions/{national}?handler=Ajouter",            SignIn, Denied, Denied, Denied, Denied, Denied, Invalid, coordinator: Denied);
        Row("POST", "/admin/discussions/{lanaudiere}?handler=Moderation",       SignIn, Denied, Denied, Denied, Denied, Denied, Invalid, coordinator: Invalid);
        Row("POST", "/admin/discussions/{lanaudiere}?handler=Deplacer&categorie={sectioncategory}", SignIn, Denied, Denied, Denied, Denied, Denied, Refused, coordinator: Refused);
        Row("GET", "/admin/discussions/categories/{sectioncategory}",           SignIn, Denied, Denied, Denied, Denied, Denied, Ok,     coordinator: Ok);
        Row("GET", "/admin/discussions/categories/{nationalcategory}",          SignIn, Denied, Denied, Denied, Denied, Denied, Ok,     coordinator: Denied);
        Row("POST", "/admin/discussions/categories/{sectioncategory}",          SignIn, Denied, Denied, Denied, Denied, Denied, Invalid, coordinator: Invalid);
        Row("POST", "/admin/discussions/categories/{nationalcategory}",         SignIn, Denied, Denied, Denied, Denied, Denied, Invalid, coordinator: Denied);
        Row("POST", "/admin/discussions/categories/{sectioncategory}?handler=Retirer", SignIn, Denied, Denied, Denied, Denied, Denied, Invalid, coordinator: Invalid);
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
                [Moderator] = await _factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Moderator)),
                [OtherModerator] = await _factory.CreateMemberAsync("monteregie", ("monteregie", Roles.Moderator)),
                [Coordinator] = await _factory.CreateMemberAsync("lanaudiere", ("lanaudiere", Roles.Coordinator)),
                [Board] = await _factory.CreateMemberAsync("estrie", [], [Roles.Board]),
                [Administrator] = await _factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]),
            };
            await SignInAsync(_factory, Anonymous, accounts);

            Placeholders["{lanaudiere}"] = (await _factory.SectionAsync("lanaudiere")).Id.ToString();
            Placeholders["{national}"] = (await _factory.SectionAsync("national")).Id.ToString();
            Placeholders["{sectioncategory}"] = (await _factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().SingleAsync(c => c.Slug == LanaudiereHelp))).Id.ToString();
            Placeholders["{nationalcategory}"] = (await _factory.WithDbAsync(db => db.Set<ForumCategory>().IgnoreQueryFilters().SingleAsync(c => c.Slug == Practices))).Id.ToString();
            var admin = Clients[Administrator];
            var publicThread = await admin.StartThreadAsync(Practices, "Sujet de la matrice", "Ouvert à toutes et à tous.");
            Placeholders["{public}"] = publicThread.ToString();
            Placeholders["{members}"] = (await admin.StartThreadAsync(Ethics, "Dilemme de la matrice", "Réservé aux membres.")).ToString();
            var section = await Clients[Moderator].StartThreadAsync(LanaudiereHelp, "Entraide de la matrice", "Réservé à Lanaudière.");
            Placeholders["{section}"] = section.ToString();
            Placeholders["{sectionpost}"] = (await _factory.WithDbAsync(db => db.Set<ForumPost>().Where(p => p.ThreadId == section).Select(p => p.Id).SingleAsync())).ToString();
            Placeholders["{adminpost}"] = (await admin.ReplyAsync("", publicThread, "Réponse de l'administration.")).ToString();
            // The member's posts go out at once here (the national section trusts from the first post).
            await _factory.SetFirstPostsToModerateAsync("national", 0);
            Placeholders["{memberpost}"] = (await Clients[Member].ReplyAsync("", publicThread, "Réponse du membre.")).ToString();
            var newcomer = _factory.CreatePortalClient();
            await newcomer.SignInAsync(await _factory.CreateMemberAsync("lanaudiere"));
            Placeholders["{pending}"] = (await newcomer.ReplyAsync("/lanaudiere", section, "En attente d'approbation.")).ToString();
            Assert.Equal(PostStatus.Pending, (await _factory.PostAsync(int.Parse(Placeholders["{pending}"]))).Status);
        }

        public async Task DisposeAsync() => await ((IAsyncLifetime)_factory).DisposeAsync();
    }
}

public sealed class SqliteForumAuthorizationMatrixTests(ForumAuthorizationMatrixTests<SqlitePortalFactory>.Personas personas)
    : ForumAuthorizationMatrixTests<SqlitePortalFactory>(personas);

[Collection(PostgresCollection.Name)]
public sealed class PostgresForumAuthorizationMatrixTests(ForumAuthorizationMatrixTests<PostgresPortalFactory>.Personas personas)
    : ForumAuthorizationMatrixTests<PostgresPortalFactory>(personas);
