using Npgsql;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>
/// Two instances of the host on loopback sharing one PostgreSQL database, one data folder (keys) and a real
/// Redis: a notification raised through instance 1 reaches a member connected to instance 2. Each instance
/// pushes what it raised for 30 s before any other takes over, so arriving within seconds means it crossed
/// the Redis backplane.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ScaleOutTests : IAsyncLifetime
{
    private readonly string _database = "rqiiac_scale_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _data = Directory.CreateTempSubdirectory("rqiiac-scale-").FullName;
    private HostProcess? _one;
    private HostProcess? _two;

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE \"{_database}\" ENCODING 'UTF8' TEMPLATE template0");
        var redis = TestServices.Redis ?? throw new InvalidOperationException("RQIIAC_TEST_REDIS is not set: run `bash tests/run-all.sh`.");
        var (smtpHost, smtpPort) = TestServices.Smtp;
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = $"{TestServices.Postgres};Database={_database}",
            ["Redis__ConnectionString"] = redis,
            ["Portal__DataPath"] = _data,
            ["Portal__CreateSampleAccounts"] = "true",
            ["Mail__Smtp__Host"] = smtpHost,
            ["Mail__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
        };
        // The first applies the national recipe (and writes the sample accounts); the second finds it done.
        // They share the data folder (keys, files) as the compose file's volume does, but each has its own index.
        _one = await HostProcess.StartAsync(new Dictionary<string, string>(settings) { ["Search__IndexPath"] = Path.Combine(_data, "index-1") });
        _two = await HostProcess.StartAsync(new Dictionary<string, string>(settings) { ["Search__IndexPath"] = Path.Combine(_data, "index-2") });
    }

    [Fact]
    public async Task ANotificationRaisedThroughInstanceOne_ReachesAMemberConnectedToInstanceTwo()
    {
        var accounts = SampleAccounts();
        var memberAccount = accounts["membre.lanaudiere@exemple.rqiiac.qc.ca"];
        await using var member = await LiveMember.SignInAsync(_two!.Url, memberAccount);
        var tab = await member.ConnectAsync();

        // A real action on instance 1: the administrator grants the member a role.
        await using var admin = await LiveMember.SignInAsync(_one!.Url, accounts["admin@exemple.rqiiac.qc.ca"]);
        var memberId = await FindUserIdAsync(admin, memberAccount.Email);
        var lanaudiere = (await admin.Http.GetDocumentAsync($"/admin/membres/{memberId}"))
            .QuerySelectorAll("#grant-section option").Single(o => o.TextContent.Contains("Lanaudière")).GetAttribute("value")!;
        var granted = await admin.Http.SubmitFormAsync($"/admin/membres/{memberId}",
            new Dictionary<string, string> { ["Grant.SectionId"] = lanaudiere, ["Grant.Role"] = Roles.Moderator }, handler: "Attribuer");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, granted.StatusCode);

        var received = await tab.NextAsync(seconds: 15);
        Assert.Equal("Vous avez maintenant le rôle « Modération » dans la section Lanaudière.", received.Title);
    }

    /// <summary>Issue 12: a copy kept on instance two (its in-memory catalog, the pages kept in Redis) outlives no change made through instance one.</summary>
    [Fact]
    public async Task AToolWithdrawnThroughInstanceOne_IsGoneFromInstanceTwo_AtTheNextRequest()
    {
        await using var author = await LiveMember.SignInAsync(_one!.Url, SampleAccounts()["membre.lanaudiere@exemple.rqiiac.qc.ca"]);
        var form = await author.Http.GetDocumentAsync("/lanaudiere/outils/nouveau");
        var lanaudiere = form.QuerySelectorAll("select[name='Input.SectionId'] option").Single(o => o.TextContent.Contains("Lanaudière")).GetAttribute("value")!;
        var title = "Fiche " + Guid.NewGuid().ToString("N")[..8];
        var shared = await author.Http.SubmitMultipartAsync("/lanaudiere/outils/nouveau",
            [new("Input.Title", title), new("Input.Summary", "Une fiche d'une instance à l'autre."), new("Input.SectionId", lanaudiere),
             new("Input.Licence", "cc-by-4.0"), new("Input.Visibility", "Public")],
            [("Input.Files", "fiche.pdf", SampleFiles.Pdf("Fiche"))]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, shared.StatusCode);
        var id = int.Parse(shared.Headers.Location!.OriginalString.Split("/outils/")[1].Split('/')[0]);

        using var visitor = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_two!.Url) };
        // Published once either instance has analysed its file.
        for (var i = 0; i < 150 && (await visitor.GetAsync($"/lanaudiere/outils/{id}")).StatusCode != System.Net.HttpStatusCode.OK; i++) await Task.Delay(200);
        (await visitor.GetAsync("/outils")).Dispose();
        var kept = await visitor.GetAsync("/outils");
        Assert.NotNull(kept.Headers.Age);
        Assert.Contains(title, await kept.Content.ReadAsStringAsync());

        var withdrawn = await author.Http.SubmitFormAsync($"/lanaudiere/outils/{id}", new Dictionary<string, string>(), handler: "Retirer");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, withdrawn.StatusCode);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await visitor.GetAsync($"/lanaudiere/outils/{id}")).StatusCode);
        Assert.DoesNotContain(title, await (await visitor.GetAsync("/outils")).Content.ReadAsStringAsync());
    }

    private Dictionary<string, TestAccount> SampleAccounts() =>
        File.ReadAllLines(Path.Combine(_data, "comptes-exemple.txt"))
            .Where(l => !l.StartsWith('#') && l.Contains('\t'))
            .Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => new TestAccount(p[0], p[1]));

    private static async Task<string> FindUserIdAsync(LiveMember admin, string email)
    {
        var list = await admin.Http.GetDocumentAsync($"/admin/membres?q={Uri.EscapeDataString(email)}");
        var href = list.QuerySelector("main table a")!.GetAttribute("href")!;
        return href[(href.LastIndexOf('/') + 1)..];
    }

    public async Task DisposeAsync()
    {
        if (_two is not null) await _two.DisposeAsync();
        if (_one is not null) await _one.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection($"{TestServices.Postgres};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
