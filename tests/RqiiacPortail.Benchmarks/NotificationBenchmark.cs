using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Members;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications;
using RqiiacPortail.Web.Modules.Sections;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// N members of one region each hold a live connection; the board sends the region an announcement (one
/// notification per member) and we measure, for each member, the time from the moment the board pressed
/// "send" to the moment the notification arrived.
/// </summary>
internal static partial class NotificationBenchmark
{
    private const string Password = "mot de passe du banc d'essai";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    internal static partial Regex Token();

    public static async Task<int> RunAsync(int count)
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-bench-").FullName;
        Console.WriteLine($"Notifications: {count} members, one SignalR connection each, one announcement.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        await using var host = await PortalProcess.StartAsync(data);

        var (regionId, board, members) = await SeedAsync(Path.Combine(data, "portail.db"), count);
        var clock = Stopwatch.StartNew();
        var sessions = new ConcurrentBag<(string Email, CookieContainer Cookies)>();
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (email, ct) =>
            sessions.Add((email, await SignInAsync(host.Url, email))));
        Console.WriteLine($"Signed in {sessions.Count} members in {clock.Elapsed.TotalSeconds:0.0} s.");
        GC.Collect();
        var before = host.Memory();

        var received = new ConcurrentDictionary<string, long>();
        var connections = new ConcurrentBag<HubConnection>();
        clock.Restart();
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (session, ct) =>
        {
            var connection = new HubConnectionBuilder().WithUrl($"{host.Url}/hubs/notifications", o => o.Cookies = session.Cookies).Build();
            connection.On<NotificationMessage>("notification", _ => received.TryAdd(session.Email, Stopwatch.GetTimestamp()));
            await connection.StartAsync(ct);
            connections.Add(connection);
        });
        Console.WriteLine($"Opened {connections.Count} connections in {clock.Elapsed.TotalSeconds:0.0} s.");
        var connected = host.Memory();

        var boardCookies = await SignInAsync(host.Url, board);
        using var boardHttp = new HttpClient(new HttpClientHandler { CookieContainer = boardCookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Url) };

        // The first announcement also pays for compiling the queries on the way; the second is the steady state.
        var complete = true;
        foreach (var round in new[] { "first (cold)", "second (warm)" })
        {
            received.Clear();
            var form = await boardHttp.GetStringAsync("/admin/annonces");
            var content = new FormUrlEncodedContent([
                new("__RequestVerificationToken", Token().Match(form).Groups[1].Value),
                new("Input.Audience", regionId.ToString(CultureInfo.InvariantCulture)),
                new("Input.Title", $"Banc d'essai : annonce à toute la région ({round})"),
            ]);
            var sent = Stopwatch.GetTimestamp();
            var response = await boardHttp.PostAsync("/admin/annonces", content);
            if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Announcement refused: {(int)response.StatusCode}");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (received.Count < connections.Count && DateTime.UtcNow < deadline) await Task.Delay(5);

            var latencies = received.Values.Select(t => Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds).Order().ToArray();
            double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
            Console.WriteLine($"Announcement {round}: delivered {received.Count}/{connections.Count}; latency (sent → received) p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms, max {Percentile(1):0} ms");
            complete &= received.Count == connections.Count;
        }
        var after = host.Memory();
        Console.WriteLine($"Host memory (RSS): {before.Rss:0} MiB signed in, {connected.Rss:0} MiB with {connections.Count} connections, {after.Rss:0} MiB after delivery (peak {after.Peak:0} MiB)");

        foreach (var c in connections) await c.DisposeAsync();
        try { Directory.Delete(data, true); } catch (IOException) { }
        return complete ? 0 : 1;
    }

    internal static async Task<CookieContainer> SignInAsync(string url, string email)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(url) };
        var page = await http.GetStringAsync("/compte/connexion");
        var response = await http.PostAsync("/compte/connexion", new FormUrlEncodedContent([
            new("__RequestVerificationToken", Token().Match(page).Groups[1].Value), new("Input.Email", email), new("Input.Password", Password)]));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in refused for {email}: {(int)response.StatusCode}");
        return cookies;
    }

    /// <summary>
    /// Writes the members of Lanaudière straight into the database, sharing one password hash (hashing is not what is
    /// measured), and one more account holding the national role <paramref name="role"/> (the board by default).
    /// </summary>
    internal static async Task<(int RegionId, string Board, List<string> Members)> SeedAsync(string database, int count, string role = Roles.Board)
    {
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={database}").Options;
        await using var db = new SqlitePortalDbContext(options, new NoSection());
        var region = await db.Set<Section>().SingleAsync(s => s.Slug == "lanaudiere");
        var hash = new PasswordHasher<PortalUser>().HashPassword(null!, Password);

        PortalUser Member(string email) => new()
        {
            UserName = email.Split('@')[0], NormalizedUserName = email.Split('@')[0].ToUpperInvariant(),
            Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, PasswordHash = hash,
            SecurityStamp = Guid.NewGuid().ToString("N"), FirstName = "Membre", LastName = email.Split('@')[0],
            HomeSectionId = region.Id, Status = MembershipStatus.Approved, CreatedAt = DateTimeOffset.UtcNow,
        };

        var members = Enumerable.Range(1, count).Select(i => $"membre{i:0000}@banc.rqiiac.test").ToList();
        foreach (var email in members)
        {
            var user = Member(email);
            db.Users.Add(user);
            db.Add(new SectionRole { UserId = user.Id, SectionId = region.Id, Role = Roles.Member, GrantedAt = DateTimeOffset.UtcNow });
        }
        var board = Member("ca@banc.rqiiac.test");
        db.Users.Add(board);
        var national = await db.Roles.SingleOrDefaultAsync(r => r.Name == role) ?? db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = board.Id, RoleId = national.Id });
        await db.SaveChangesAsync();
        return (region.Id, board.Email!, members);
    }

    private sealed class NoSection : ICurrentSectionId
    {
        public int? Value => null;
    }
}
