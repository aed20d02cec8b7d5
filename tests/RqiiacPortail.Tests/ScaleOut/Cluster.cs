using Microsoft.EntityFrameworkCore;
using Npgsql;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Tests.ScaleOut;

/// <summary>
/// Two hosts (real processes) behind Debian's nginx, run from the configuration the compose file ships, sharing one
/// PostgreSQL database, a real Redis and one data folder (keys and files, as the compose file's volume); each has
/// its own search index. Subclasses say how the hosts start.
/// </summary>
public class Cluster : IAsyncLifetime
{
    private readonly string _database = "rqiiac_cluster_" + Guid.NewGuid().ToString("N")[..8];

    public string DataPath { get; } = Directory.CreateTempSubdirectory("rqiiac-cluster-").FullName;
    public HostProcess One { get; protected set; } = null!;
    public HostProcess Two { get; protected set; } = null!;
    public ReverseProxy Proxy { get; private set; } = null!;

    public string ConnectionString => $"{TestServices.Postgres};Database={_database}";

    /// <summary>Settings of both hosts (environment variables), over the cluster's own.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() => [];

    public async Task InitializeAsync()
    {
        await ExecuteAsync($"CREATE DATABASE \"{_database}\" ENCODING 'UTF8' TEMPLATE template0");
        await StartAsync();
        Proxy = await ReverseProxy.StartAsync(One.Url, Two.Url);
    }

    /// <summary>Starts the hosts: the first applies the national recipe (and writes the sample accounts), the second finds it done.</summary>
    protected virtual async Task StartAsync()
    {
        One = await StartHostAsync(1);
        Two = await StartHostAsync(2);
    }

    protected Task<HostProcess> StartHostAsync(int number)
    {
        var redis = TestServices.Redis ?? throw new InvalidOperationException("RQIIAC_TEST_REDIS is not set: run `bash tests/run-all.sh`.");
        var (smtpHost, smtpPort) = TestServices.Smtp;
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = ConnectionString,
            ["Redis__ConnectionString"] = redis,
            ["Portal__DataPath"] = DataPath,
            ["Portal__CreateSampleAccounts"] = "true",
            // nginx on loopback: its forwarded headers are believed.
            ["Portal__TrustedProxies__0"] = "127.0.0.1",
            ["Mail__Smtp__Host"] = smtpHost,
            ["Mail__Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail__Smtp__Security"] = "None",
            ["Search__IndexPath"] = Path.Combine(DataPath, $"index-{number}"),
        };
        foreach (var (key, value) in Settings()) settings[key] = value;
        return HostProcess.StartAsync(settings);
    }

    public Dictionary<string, TestAccount> SampleAccounts() =>
        File.ReadAllLines(Path.Combine(DataPath, "comptes-exemple.txt"))
            .Where(l => !l.StartsWith('#') && l.Contains('\t'))
            .Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => new TestAccount(p[0], p[1]));

    /// <summary>A context on the cluster's database, as a test reads it (no section filter).</summary>
    public PortalDbContext Db() =>
        new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(ConnectionString).Options, new NoSection());

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> read)
    {
        await using var db = Db();
        return await read(db);
    }

    private sealed class NoSection : ICurrentSectionId
    {
        public int? Value => null;
    }

    public async Task DisposeAsync()
    {
        if (Proxy is not null) await Proxy.DisposeAsync();
        if (Two is not null) await Two.DisposeAsync();
        if (One is not null) await One.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection($"{TestServices.Postgres};Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
