using System.Net;
using Npgsql;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Infrastructure.Mail;

namespace RqiiacPortail.Tests.Mail;

/// <summary>
/// The uncertain case, for real: an instance is killed while the SMTP server holds a message it received and has not
/// answered (the server may have it). Another instance on the same PostgreSQL database finds the row « sending »
/// under a lease that ran out and applies the policy: sent again under the same Message-ID (the default), or set
/// aside for an administrator, who sends it again from « Courriels ».
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MailInterruptionTests : IAsyncLifetime
{
    private readonly string _database = "rqiiac_mail_" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> _folders = [];
    private readonly List<HostProcess> _hosts = [];
    private readonly TestSmtpServer _smtp = new();

    public Task InitializeAsync() => ExecuteAsync("postgres", $"CREATE DATABASE \"{_database}\" ENCODING 'UTF8' TEMPLATE template0");

    private async Task<HostProcess> StartAsync(params (string Key, string Value)[] extra)
    {
        var folder = Directory.CreateTempSubdirectory("rqiiac-mail-").FullName;
        _folders.Add(folder);
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = $"{TestServices.Postgres};Database={_database}",
            ["Portal__DataPath"] = folder,
            ["Portal__CreateSampleAccounts"] = "true",
            ["Mail__Smtp__Host"] = "127.0.0.1",
            ["Mail__Smtp__Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Mail__PollInterval"] = "00:00:00.200",
            // Short, so that the other instance takes over within the test; a real lease is minutes.
            ["Mail__Lease"] = "00:00:02",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        var host = await HostProcess.StartAsync(settings);
        _hosts.Add(host);
        return host;
    }

    private TestAccount Sample(string email)
    {
        var line = _folders.Select(f => Path.Combine(f, "comptes-exemple.txt")).Where(File.Exists).SelectMany(File.ReadAllLines)
            .First(l => l.StartsWith(email + "\t", StringComparison.Ordinal)).Split('\t');
        return new TestAccount(line[0], line[1]);
    }

    /// <summary>A password reset asked through <paramref name="host"/>: an urgent message, the kind nobody may lose.</summary>
    private static async Task AskResetAsync(HostProcess host, string email)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };
        var asked = await client.SubmitFormAsync("/compte/mot-de-passe-oublie", new Dictionary<string, string> { ["Email"] = email });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
    }

    /// <summary>Kills the first instance while the server holds its message, and starts a second one.</summary>
    private async Task<(HostProcess Second, string MessageId)> InterruptAsync(string email, params (string Key, string Value)[] second)
    {
        _smtp.Hold = true;
        var first = await StartAsync();
        await AskResetAsync(first, email);
        var held = await _smtp.WaitForAsync(email);
        Assert.Equal(MailState.Sending, (await RowAsync(email)).State);

        await first.DisposeAsync(); // killed: no shutdown, no last write
        _hosts.Remove(first);
        _smtp.Hold = false;
        return (await StartAsync(second), held.MessageId!);
    }

    [Fact]
    public async Task AMessageInterruptedMidSend_IsSentAgainByTheOtherInstance_UnderTheSameMessageId()
    {
        const string email = "membre.lanaudiere@exemple.rqiiac.qc.ca";
        var (_, messageId) = await InterruptAsync(email);

        var again = await _smtp.WaitForAsync(email, count: 2);
        Assert.Equal(messageId, again.MessageId);
        var row = await WaitForRowAsync(email, MailState.Sent);
        Assert.Equal((1, 1), (row.Interruptions, row.Attempts));
        Assert.Equal(2, _smtp.For(email).Count);
    }

    [Fact]
    public async Task WithTheSetAsidePolicy_ItWaitsForAnAdministrator_WhoSendsItAgain()
    {
        const string email = "coordination.lanaudiere@exemple.rqiiac.qc.ca";
        var (second, messageId) = await InterruptAsync(email, ("Mail__Uncertain", "SetAside"));

        var row = await WaitForRowAsync(email, MailState.Uncertain);
        Assert.Equal(1, row.Interruptions);
        // The second instance goes on sending what came after; the uncertain one stays where it is.
        const string later = "membre.monteregie@exemple.rqiiac.qc.ca";
        await AskResetAsync(second, later);
        await _smtp.WaitForAsync(later);
        Assert.Single(_smtp.For(email));
        Assert.Equal(MailState.Uncertain, (await RowAsync(email)).State);

        await using var admin = await LiveMember.SignInAsync(second.Url, Sample("admin@exemple.rqiiac.qc.ca"));
        var page = await (await admin.Http.GetAsync("/admin/courriels?etat=Uncertain")).TextAsync();
        Assert.Contains(email, page);
        Assert.Contains("Incertain", page);
        var resent = await admin.Http.SubmitFormAsync("/admin/courriels?etat=Uncertain", new Dictionary<string, string>(), handler: "Renvoyer");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);

        var again = await _smtp.WaitForAsync(email, count: 2);
        Assert.Equal(messageId, again.MessageId);
        await WaitForRowAsync(email, MailState.Sent);
    }

    private sealed record Row(MailState State, int Interruptions, int Attempts);

    private async Task<Row> RowAsync(string to)
    {
        await using var connection = new NpgsqlConnection($"{TestServices.Postgres};Database={_database}");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "State", "Interruptions", "Attempts" FROM "MailOutbox" WHERE "To" = @to ORDER BY "Id" LIMIT 1""", connection);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No message for {to}.");
        return new Row((MailState)reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    private async Task<Row> WaitForRowAsync(string to, MailState state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Row row;
        do
        {
            row = await RowAsync(to);
            if (row.State == state) return row;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"The message to {to} is {row.State}, not {state}.");
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
