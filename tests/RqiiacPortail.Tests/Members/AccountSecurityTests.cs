using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Members;

/// <summary>
/// Accounts under attack (issue 9): concurrent applicants, squatted addresses, two coordinators deciding at
/// once, sessions outliving a password reset.
/// </summary>
public abstract class AccountSecurityTests<TFactory>(TFactory factory) where TFactory : PortalFactory
{
    private static Dictionary<string, string> Application(string email, int regionId, string password = "une phrase de passe solide", string first = "Josée") => new()
    {
        ["Input.FirstName"] = first, ["Input.LastName"] = "Létourneau", ["Input.Email"] = email, ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password, ["Input.Employer"] = "CISSS de Lanaudière", ["Input.HomeSectionId"] = regionId.ToString(),
        ["Input.Consent"] = "true",
    };

    [Fact]
    public async Task ConcurrentApplicationsWithOneAddress_MakeOneAccount_AndSignInStillWorks()
    {
        var region = await factory.SectionAsync("laval");
        var email = $"rafale-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        // Each applicant has loaded the form (and its token) before the burst.
        var forms = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            var client = factory.CreatePortalClient();
            var page = await client.GetDocumentAsync("/compte/inscription");
            var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            return (client, token);
        }));

        var responses = await Task.WhenAll(forms.Select(f =>
            f.client.PostAsync("/compte/inscription", new FormUrlEncodedContent(Application(email, region.Id).Append(new("__RequestVerificationToken", f.token))))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant())));
        var signIn = await factory.CreatePortalClient().SubmitFormAsync("/compte/connexion",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "une phrase de passe solide" });
        Assert.Contains("Confirmez d'abord votre adresse courriel", await signIn.TextAsync());
        var reset = await factory.CreatePortalClient().SubmitFormAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
    }

    [Fact]
    public async Task AnAddressSquattedByAnUnconfirmedApplication_IsTakenBackByItsOwner()
    {
        var region = await factory.SectionAsync("laval");
        var email = $"victime-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        await factory.CreatePortalClient().SubmitFormAsync("/compte/inscription", Application(email, region.Id, "mot de passe du squatteur", "Intrus"));

        var owner = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync("/compte/inscription", Application(email, region.Id, "le vrai mot de passe", "Josée"))).StatusCode);
        var confirmation = await Mailbox.WaitForAsync(email, m => m.TextBody.Contains("Bonjour Josée"));
        await owner.GetDocumentAsync(new Uri(Mailbox.Link(confirmation, "/compte/confirmer")).PathAndQuery);

        var user = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal("Josée", user.FirstName);
        Assert.True(user.EmailConfirmed);
        Assert.Equal(MembershipStatus.AwaitingApproval, user.Status);
    }

    [Fact]
    public async Task UnconfirmedApplications_ExpireAfterAWeek_AndTheLinkCanBeSentAgainBefore()
    {
        var region = await factory.SectionAsync("laval");
        var email = $"oubli-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var client = factory.CreatePortalClient();
        await client.SubmitFormAsync("/compte/inscription", Application(email, region.Id));
        await Mailbox.WaitForAsync(email);

        var resent = await client.SubmitFormAsync("/compte/confirmation/renvoyer", new Dictionary<string, string> { ["Email"] = email });
        var unknown = await client.SubmitFormAsync("/compte/confirmation/renvoyer", new Dictionary<string, string> { ["Email"] = "personne@test.rqiiac.qc.ca" });
        Assert.Equal(await unknown.TextAsync(), await resent.TextAsync());
        for (var i = 0; i < 100 && Mailbox.All(email).Count < 2; i++) await Task.Delay(100);
        Assert.Equal(2, Mailbox.All(email).Count);

        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.CreatedAt = DateTimeOffset.UtcNow.AddDays(-8);
            return await db.SaveChangesAsync();
        });
        await factory.Services.GetRequiredService<UnconfirmedApplicationsCleanup>().DeleteExpiredAsync(CancellationToken.None);

        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task TwoCoordinatorsDecidingAtOnce_OneDecisionWins_AndTheApplicantGetsOneAnswer()
    {
        var region = await factory.SectionAsync("laurentides");
        var first = factory.CreatePortalClient();
        var second = factory.CreatePortalClient();
        await first.SignInAsync(await factory.CreateMemberAsync("laurentides", ("laurentides", Roles.Coordinator)));
        await second.SignInAsync(await factory.CreateMemberAsync("laurentides", ("laurentides", Roles.Coordinator)));
        var email = $"decision-{Guid.NewGuid():N}@test.rqiiac.qc.ca";
        var applicant = factory.CreatePortalClient();
        await applicant.SubmitFormAsync("/compte/inscription", Application(email, region.Id));
        await applicant.GetDocumentAsync(new Uri(Mailbox.Link(await Mailbox.WaitForAsync(email), "/compte/confirmer")).PathAndQuery);
        var id = await factory.WithDbAsync(db => db.Set<MembershipApplication>().IgnoreQueryFilters().Where(a => a.User!.Email == email).Select(a => a.Id).SingleAsync());

        async Task<HttpResponseMessage> Post(HttpClient client, string handler, Dictionary<string, string> values)
        {
            var page = await client.GetDocumentAsync($"/admin/demandes/{id}");
            values["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            return await client.PostAsync($"/admin/demandes/{id}?handler={handler}", new FormUrlEncodedContent(values));
        }
        var (approve, refuse) = (Post(first, "Approuver", []), Post(second, "Refuser", new() { ["Reason"] = "Hors du réseau" }));
        var statuses = (await Task.WhenAll(approve, refuse)).Select(r => r.StatusCode).ToList();

        Assert.Single(statuses, HttpStatusCode.Redirect);
        Assert.Single(statuses, HttpStatusCode.Conflict);
        var (application, user) = await factory.WithDbAsync(async db =>
            (await db.Set<MembershipApplication>().IgnoreQueryFilters().SingleAsync(a => a.Id == id), await db.Users.SingleAsync(u => u.Email == email)));
        Assert.Equal(application.Status, user.Status);
        var hasRole = await factory.WithDbAsync(db => db.Set<SectionRole>().AnyAsync(r => r.UserId == user.Id && r.Role == Roles.Member));
        Assert.Equal(application.Status == MembershipStatus.Approved, hasRole);
        await Task.Delay(1500);
        Assert.Single(Mailbox.All(email), m => m.Subject.Contains("approuvée") || m.Subject.Contains("Votre demande d'adhésion"));
    }

    [Fact]
    public async Task APasswordReset_SignsOutTheAccountsOtherSessions_AtOnce()
    {
        var member = await factory.CreateMemberAsync("outaouais");
        var elsewhere = factory.CreatePortalClient();
        await elsewhere.SignInAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/compte")).StatusCode);
        await Task.Delay(1100); // the reset happens in a later second than that sign-in

        var owner = factory.CreatePortalClient();
        await owner.SubmitFormAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = member.Email });
        var link = new Uri(Mailbox.Link(await Mailbox.WaitForAsync(member.Email, m => m.Subject.Contains("mot de passe")), "/compte/reinitialiser")).PathAndQuery;
        await owner.SubmitFormAsync(link, new Dictionary<string, string> { ["Password"] = "un tout nouveau mot de passe", ["ConfirmPassword"] = "un tout nouveau mot de passe" });

        var after = await elsewhere.GetAsync("/compte");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/compte/connexion", after.Headers.Location!.OriginalString);
        await owner.SignInAsync(member with { Password = "un tout nouveau mot de passe" });
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/compte")).StatusCode);
    }
}

public sealed class SqliteAccountSecurityTests(SqlitePortalFactory factory) : AccountSecurityTests<SqlitePortalFactory>(factory), IClassFixture<SqlitePortalFactory>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAccountSecurityTests(PostgresPortalFactory factory) : AccountSecurityTests<PostgresPortalFactory>(factory);

/// <summary>
/// Sign-in from two client addresses (127.0.0.1 and 127.0.0.2 are both this machine's loopback): the lockout
/// one address earns does not reach the other, and unknown addresses get the same words and the same work.
/// </summary>
public sealed class SignInLockoutTests(SignInLockoutTests.CountingFactory factory) : IClassFixture<SignInLockoutTests.CountingFactory>
{
    public sealed class CountingHasher : IPasswordHasher<PortalUser>
    {
        private readonly PasswordHasher<PortalUser> _inner = new();
        public int Verifications;
        public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class CountingFactory : KestrelPortalFactory
    {
        public CountingHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<PortalUser>>(Hasher));
        }
    }

    private HttpClient From(string address) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = true,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = new Uri(factory.BaseUrl) };

    private static Task<HttpResponseMessage> TryAsync(HttpClient client, string email, string password) =>
        client.SubmitFormAsync("/compte/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task AnAttackerElsewhere_CannotLockTheOwnerOut_AndUnknownAddressesLockTheSameWay()
    {
        var admin = await factory.CreateMemberAsync("capitale-nationale", [], [Roles.Administrator]);
        using var attacker = From("127.0.0.2");
        using var owner = From("127.0.0.1");

        for (var i = 0; i < SignInThrottle.MaxFailures; i++) await TryAsync(attacker, admin.Email, "devine " + i);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++) await TryAsync(attacker, "personne@test.rqiiac.qc.ca", "devine " + i);
        var lockedReal = await TryAsync(attacker, admin.Email, admin.Password);
        var lockedUnknown = await TryAsync(attacker, "personne@test.rqiiac.qc.ca", "devine");

        Assert.Contains("Trop de tentatives de connexion pour cette adresse", await lockedReal.TextAsync());
        Assert.Equal(await lockedReal.TextAsync(), await lockedUnknown.TextAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(owner, admin.Email, admin.Password)).StatusCode);

        // Someone sharing the locked-out address (one office) gets in through the reset link at once.
        await attacker.SubmitFormAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = admin.Email });
        var link = new Uri(Mailbox.Link(await Mailbox.WaitForAsync(admin.Email, m => m.Subject.Contains("mot de passe")), "/compte/reinitialiser")).PathAndQuery;
        await attacker.SubmitFormAsync(link, new Dictionary<string, string> { ["Password"] = "nouveau mot de passe du bureau", ["ConfirmPassword"] = "nouveau mot de passe du bureau" });
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(attacker, admin.Email, "nouveau mot de passe du bureau")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownAddress_CostsOnePasswordCheck_LikeAWrongPassword()
    {
        var member = await factory.CreateMemberAsync("estrie");
        using var client = From("127.0.0.3");

        var before = factory.Hasher.Verifications;
        var unknown = await TryAsync(client, "inconnue@test.rqiiac.qc.ca", "un mot de passe");
        var afterUnknown = factory.Hasher.Verifications;
        var wrong = await TryAsync(client, member.Email, "un mot de passe");
        var afterWrong = factory.Hasher.Verifications;

        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterWrong - afterUnknown);
        Assert.Equal(await unknown.TextAsync(), await wrong.TextAsync());
    }
}
