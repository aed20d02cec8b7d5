using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>
/// The portal on a test server, with its own data folder and database, sending mail to the real SMTP server.
/// Subclasses choose the database provider; test classes take the factory as a class fixture.
/// </summary>
public abstract class PortalFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <param name="dataPath">A data folder to reuse (a restart of the same site); a fresh one by default.</param>
    protected PortalFactory(string? dataPath = null) => DataPath = dataPath ?? Directory.CreateTempSubdirectory("rqiiac-tests-").FullName;

    public string DataPath { get; }

    /// <summary>Whether disposing the factory deletes the data folder (not when another factory will reuse it).</summary>
    public bool KeepData { get; set; }

    public abstract string ProviderName { get; }

    protected abstract string ConnectionString { get; }

    /// <summary>Extra settings a subclass or a test fixture wants (rate limits, mail settings, …).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    public virtual Task InitializeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var (smtpHost, smtpPort) = TestServices.Smtp;
        builder.UseSetting("Portal:DataPath", DataPath);
        builder.UseSetting("Portal:CreateSampleAccounts", "false");
        builder.UseSetting("Database:Provider", ProviderName);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Mail:Smtp:Host", smtpHost);
        builder.UseSetting("Mail:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "None");
        builder.UseSetting("Mail:PollInterval", "00:00:00.200");
        builder.UseSetting("Mail:MaxPerMinute", "6000");
        builder.UseSetting("RateLimits:SignInPerMinute", "1000");
        builder.UseSetting("RateLimits:SignInPerMinutePerAddress", "1000");
        builder.UseSetting("RateLimits:PostsPerMinute", "1000");
        builder.UseSetting("RateLimits:ForumPostsPerMinute", "1000");
        builder.UseSetting("RateLimits:ForumModerationPerMinute", "1000");
        builder.UseSetting("RateLimits:BulletinPostsPerMinute", "1000");
        builder.UseSetting("RateLimits:AnnouncementsPerMinute", "1000");
        builder.UseSetting("RateLimits:MemberPostsPerMinutePerAddress", "1000");
        // Every test's live connections come from loopback: the caps have their own tests.
        builder.UseSetting("Live:MaxConnectionsPerAddress", "100000");
        builder.UseSetting("Live:MaxConnectionsPerMember", "10000");
        builder.UseSetting("RateLimits:SearchesPerMinute", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
    }

    /// <summary>Starts the host (and so the migrations and the national recipe) now.</summary>
    public PortalFactory Started()
    {
        StartServer();
        return this;
    }

    public async Task<SectionInfo> SectionAsync(string slug)
    {
        var catalog = Started().Services.GetRequiredService<ISectionCatalog>();
        return (await catalog.GetAllAsync()).Single(s => s.Slug == slug);
    }

    /// <summary>
    /// Moves the sections' generation after a test changed them in a way no context saw (raw SQL); a change saved
    /// through a context of the site moves it by itself.
    /// </summary>
    public void InvalidateSections() =>
        Services.GetRequiredService<RqiiacPortail.Web.Infrastructure.Caching.ContentGenerations>().BumpAsync([RqiiacPortail.Web.Modules.Sections.SectionCatalog.Area]).GetAwaiter().GetResult();

    /// <summary>An approved member with the given roles, created straight through the services.</summary>
    public async Task<TestAccount> CreateMemberAsync(string homeSlug, params (string Slug, string Role)[] sectionRoles) =>
        await CreateMemberAsync(homeSlug, sectionRoles, []);

    public async Task<TestAccount> CreateMemberAsync(string homeSlug, (string Slug, string Role)[] sectionRoles, string[] nationalRoles)
    {
        Started();
        var home = await SectionAsync(homeSlug);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var id = Guid.NewGuid().ToString("N")[..10];
        var account = new TestAccount($"membre-{id}@test.rqiiac.qc.ca", $"Mot-de-passe-{id}");
        var user = new PortalUser
        {
            UserName = $"membre-{id}", Email = account.Email, EmailConfirmed = true, FirstName = "Membre", LastName = id,
            Employer = "CISSS de test", HomeSectionId = home.Id, Status = MembershipStatus.Approved, CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, account.Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        account.UserId = user.Id;
        account.DisplayName = user.DisplayName;

        db.Add(new SectionRole { UserId = user.Id, SectionId = home.Id, Role = Roles.Member, GrantedAt = DateTimeOffset.UtcNow });
        foreach (var (slug, role) in sectionRoles)
            db.Add(new SectionRole { UserId = user.Id, SectionId = (await SectionAsync(slug)).Id, Role = role, GrantedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        foreach (var role in nationalRoles)
        {
            if (!await roleManager.RoleExistsAsync(role)) await roleManager.CreateAsync(new IdentityRole(role));
            await users.AddToRoleAsync(user, role);
        }
        return account;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see every status.</summary>
    public HttpClient CreatePortalClient() =>
        Started().CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The keys of every file in the site's store, whichever it is (the disk, an object store).</summary>
    public async Task<HashSet<string>> StoredKeysAsync()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (key, _) in Started().Services.GetRequiredService<RqiiacPortail.Web.Infrastructure.Files.IFileStore>().ListAsync(CancellationToken.None))
            keys.Add(key);
        return keys;
    }

    public async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> action)
    {
        await using var scope = Started().Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>Waits until every event committed so far was handled (their notifications written, say).</summary>
    public async Task EventsHandledAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (!await WithDbAsync(db => db.Set<RqiiacPortail.Web.Infrastructure.Events.OutboxEvent>().AnyAsync(e => e.HandledAt == null && !e.Abandoned))) return;
            await Task.Delay(100);
        }
        Assert.Fail("Events still waiting after 10 s.");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepData) return;
        await CleanUpAsync();
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
    }

    protected virtual Task CleanUpAsync() => Task.CompletedTask;
}

public sealed record TestAccount(string Email, string Password)
{
    public string UserId { get; set; } = "";
    public string DisplayName { get; set; } = "";
}

public class SqlitePortalFactory : PortalFactory
{
    public SqlitePortalFactory() { }

    protected SqlitePortalFactory(string? dataPath) : base(dataPath) { }

    public override string ProviderName => "Sqlite";

    protected override string ConnectionString => $"Data Source={Path.Combine(DataPath, "portail.db")};Foreign Keys=True";
}

/// <summary>A fresh database on the test PostgreSQL server for each factory, dropped afterwards.</summary>
public class PostgresPortalFactory : PortalFactory
{
    private readonly string _database = "rqiiac_" + Guid.NewGuid().ToString("N")[..12];

    public override string ProviderName => "Postgres";

    protected override string ConnectionString => $"{TestServices.Postgres};Database={_database}";

    /// <summary>
    /// Retries on, so that every test proves its units of work run inside the execution strategy (EF refuses a
    /// transaction the strategy does not own). A test holding a transaction open itself turns them off.
    /// </summary>
    protected virtual int MaxRetries => 2;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Database:MaxRetries", MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection($"{TestServices.Postgres};Database=postgres");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\" ENCODING 'UTF8' TEMPLATE template0", connection);
        await create.ExecuteNonQueryAsync();
    }

    protected override async Task CleanUpAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection($"{TestServices.Postgres};Database=postgres");
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>A SQLite site whose files live in the test S3-compatible store, under a prefix of its own.</summary>
public class S3PortalFactory : SqlitePortalFactory
{
    public string Prefix { get; } = $"essai-{Guid.NewGuid():N}/";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Files:Store", "S3"), new("Files:S3:ServiceUrl", TestServices.S3), new("Files:S3:Bucket", TestServices.S3Bucket),
        new("Files:S3:AccessKey", "S3RVER"), new("Files:S3:SecretKey", "S3RVER"), new("Files:S3:Region", "us-east-1"), new("Files:S3:Prefix", Prefix),
    ];
}
