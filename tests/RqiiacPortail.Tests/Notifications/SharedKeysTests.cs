using System.Net;
using Npgsql;
using RqiiacPortail.Tests.Infrastructure;

namespace RqiiacPortail.Tests.Notifications;

/// <summary>
/// Two instances on one PostgreSQL database, each with a data folder of its own (two machines): the data-protection
/// keys live in the database, so a member signed in through one is signed in through the other, and a form's
/// token made by one is taken by the other.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SharedKeysTests : IAsyncLifetime
{
    private readonly string _database = "rqiiac_keys_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _dataOne = Directory.CreateTempSubdirectory("rqiiac-keys-1-").FullName;
    private readonly string _dataTwo = Directory.CreateTempSubdirectory("rqiiac-keys-2-").FullName;
    private HostProcess? _one;
    private HostProcess? _two;

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE \"{_database}\" ENCODING 'UTF8' TEMPLATE template0");
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = $"{TestServices.Postgres};Database={_database}",
            ["Portal__CreateSampleAccounts"] = "true",
        };
        _one = await HostProcess.StartAsync(new Dictionary<string, string>(settings) { ["Portal__DataPath"] = _dataOne });
        _two = await HostProcess.StartAsync(new Dictionary<string, string>(settings) { ["Portal__DataPath"] = _dataTwo });
    }

    [Fact]
    public async Task AMemberSignedInThroughOneMachine_IsSignedInThroughTheOther()
    {
        var line = File.ReadAllLines(Path.Combine(_dataOne, "comptes-exemple.txt")).First(l => l.StartsWith("membre.lanaudiere@", StringComparison.Ordinal)).Split('\t');
        await using var member = await LiveMember.SignInAsync(_one!.Url, new TestAccount(line[0], line[1]));
        using var other = new HttpClient(new HttpClientHandler { CookieContainer = CopyFor(member.Cookies, _one.Url, _two!.Url), AllowAutoRedirect = false })
            { BaseAddress = new Uri(_two.Url) };

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/compte")).StatusCode);
        // A form made by the second machine, posted back to it with the first's cookies: the tokens hold too.
        var saved = await other.SubmitFormAsync("/notifications/preferences", new Dictionary<string, string> { ["DigestHour"] = "8" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(_dataTwo, "cles")) && Directory.EnumerateFiles(Path.Combine(_dataTwo, "cles")).Any());
    }

    /// <summary>The cookies a browser holds for one address, as it would send them to the other (both are loopback).</summary>
    private static CookieContainer CopyFor(CookieContainer cookies, string from, string to)
    {
        var copy = new CookieContainer();
        foreach (Cookie cookie in cookies.GetCookies(new Uri(from))) copy.Add(new Uri(to), new Cookie(cookie.Name, cookie.Value, "/"));
        return copy;
    }

    public async Task DisposeAsync()
    {
        if (_two is not null) await _two.DisposeAsync();
        if (_one is not null) await _one.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        foreach (var folder in new[] { _dataOne, _dataTwo }) try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection($"{TestServices.Postgres};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
