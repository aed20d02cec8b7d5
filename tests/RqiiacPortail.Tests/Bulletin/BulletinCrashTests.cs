using System.Net;
using Npgsql;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Mail;

namespace RqiiacPortail.Tests.Bulletin;

/// <summary>
/// The send survives a crash, for real: 2,000 confirmed subscribers, the host process killed once some hundreds are
/// sent, then two instances started on the same PostgreSQL database. The SMTP server must end up with exactly the
/// confirmed subscribers; an address receives the issue twice only for a message in flight when the process died (at
/// most one per worker), under the same Message-ID, and the ledger calls each such one « incertain ».
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BulletinCrashTests : IAsyncLifetime
{
    private const int Subscribers = 2_000, Workers = 2;
    private readonly string _database = "rqiiac_crash_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _folders = [];
    private readonly List<HostProcess> _hosts = [];
    private readonly TestSmtpServer _smtp = new();

    public Task InitializeAsync() => ExecuteAsync("postgres", $"CREATE DATABASE \"{_database}\" ENCODING 'UTF8' TEMPLATE template0");

    private string Connection => $"{TestServices.Postgres};Database={_database}";

    private async Task<HostProcess> StartAsync()
    {
        var folder = _folders.Count > 0 ? _folders[0] : Directory.CreateTempSubdirectory("rqiiac-crash-").FullName;
        if (_folders.Count == 0) _folders.Add(folder);
        var host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = Connection,
            ["Portal__DataPath"] = folder,
            ["Portal__CreateSampleAccounts"] = "true",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Mail__PollInterval"] = "00:00:00.200",
            ["Mail__MaxPerMinute"] = "0",
            ["Mail__Workers"] = Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__BatchSize"] = "20",
            // Short, so that the instances started after the crash take the dead one's rows within the test.
            ["Mail__Lease"] = "00:00:03",
            ["Events__Lease"] = "00:00:03",
        });
        _hosts.Add(host);
        return host;
    }

    [Fact]
    public async Task KilledMidSend_AndRestartedAsTwoInstances_EveryConfirmedSubscriberGetsTheIssue_AndOnlyInFlightOnesTwice()
    {
        var first = await StartAsync();
        await ExecuteAsync(_database, $"""
            INSERT INTO "BulletinSubscribers" ("Email", "State", "ConfirmedAt", "CreatedAt", "UnsubscribeCode")
            SELECT 'abonne-' || n || '@crash.exemple.org', 1, now(), now(), md5(random()::text || n)
            FROM generate_series(1, {Subscribers}) AS n
            """);
        var line = File.ReadAllLines(Path.Combine(_folders[0], "comptes-exemple.txt")).First(l => l.StartsWith("ca@", StringComparison.Ordinal)).Split('\t');
        await using (var board = await LiveMember.SignInAsync(first.Url, new TestAccount(line[0], line[1])))
        {
            var form = BulletinSteps.IssueForm(7_001, "Numéro de l'épreuve", "Ce numéro doit arriver une fois à chacun.");
            Assert.Equal(HttpStatusCode.Redirect, (await board.Http.SubmitFormAsync("/bulletin/rediger", form)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await board.Http.SubmitFormAsync("/bulletin/7001/apercu", new Dictionary<string, string> { ["envoyer"] = "true" }, handler: "Publier")).StatusCode);
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Sent() < 300 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(Sent() >= 300, $"only {Sent()} sent before the crash");

        await first.KillAsync();
        var beforeCrash = Sent();
        Assert.True(beforeCrash < Subscribers + 4, "the crash came after the end: nothing to resume");
        await Task.WhenAll(StartAsync(), StartAsync());

        // Confirmed, less the recipe's former member whose implied consent ran out.
        var confirmed = await ScalarListAsync("""
            SELECT "Email" FROM "BulletinSubscribers" s WHERE "State" = 1
            AND NOT EXISTS (SELECT 1 FROM "BulletinConsents" c WHERE c."SubscriberId" = s."Id" AND c."Basis" = 1 AND c."EndsAt" <= now())
            """);
        Assert.Equal(Subscribers + 4, confirmed.Count); // and the recipe's four sample addresses still consenting
        deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && (Recipients().Count < confirmed.Count || await PendingAsync() > 0)) await Task.Delay(200);

        Assert.Equal(confirmed.Order(), Recipients().Order());
        var twice = Issue().GroupBy(m => m.To.Mailboxes.Single().Address).Where(g => g.Count() > 1).ToList();
        Assert.True(twice.Count <= Workers, $"{twice.Count} addresses got it twice: {string.Join(", ", twice.Select(g => g.Key))}");
        Assert.All(twice, g => Assert.Single(g.Select(m => m.MessageId).Distinct()));
        var deliveries = await ScalarListAsync("""SELECT "Email" FROM "BulletinDeliveries" """);
        Assert.Equal(confirmed.Count, deliveries.Count);
        Assert.Equal(confirmed.Count, deliveries.Distinct().Count());

        // What the ledger says of each repeat.
        await using var admin = await LiveMember.SignInAsync(_hosts[^1].Url, new TestAccount(line[0], line[1]));
        foreach (var repeat in twice)
        {
            var page = await admin.Http.GetDocumentAsync($"/bulletin/7001/envois?q={Uri.EscapeDataString(repeat.Key)}");
            Assert.Contains("incertain", page.QuerySelector("main table tbody tr")!.TextContent);
        }
        var summary = (await admin.Http.GetDocumentAsync("/bulletin/7001/envois")).QuerySelector("#etat-envoi")!.TextContent;
        Assert.Contains("Envoi terminé", summary);
    }

    private IEnumerable<MimeKit.MimeMessage> Issue() => _smtp.Received.Where(m => m.Subject.Contains("n° 7001 "));

    private int Sent() => Issue().Count();

    private HashSet<string> Recipients() => Issue().Select(m => m.To.Mailboxes.Single().Address).ToHashSet();

    private async Task<long> PendingAsync() =>
        (long)(await ScalarAsync($"""SELECT count(*) FROM "MailOutbox" WHERE "State" NOT IN ({(int)MailState.Sent}, {(int)MailState.Failed}, {(int)MailState.Withheld})""") ?? 0L);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private async Task<List<string>> ScalarListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await _smtp.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync("postgres", $"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        foreach (var folder in _folders) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection($"{TestServices.Postgres};Database={database}");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
