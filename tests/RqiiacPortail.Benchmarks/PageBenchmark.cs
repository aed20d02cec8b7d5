using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// Each main page under load from wrk (32 connections), anonymous and signed in, on a site holding a network's
/// volume, each run next to a run against a bare "hello" endpoint so that the ratio says how far the code is from
/// what the machine can serve.
/// </summary>
internal static class PageBenchmark
{
    public sealed record Options(string? Postgres, int Members, int Tools, TimeSpan Duration, int Connections, string? Only, string? Data, string? Who = null,
        IReadOnlyDictionary<string, string>? Set = null);

    public static async Task<int> RunAsync(Options options)
    {
        Wrk.EnsureInstalled();
        // --data keeps the filled site in a folder of one's choosing, to run the pages again without filling it again.
        var data = options.Data ?? Directory.CreateTempSubdirectory("rqiiac-pages-").FullName;
        Directory.CreateDirectory(data);
        var marker = Path.Combine(data, "banc-d-essai.json");
        var settings = new Dictionary<string, string>();
        if (options.Postgres is { } postgres)
        {
            var database = $"rqiiac_pages_{Environment.ProcessId}";
            await PostgresAsync(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE); CREATE DATABASE {database}");
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        // --set NAME=VALUE: a setting or an environment variable of the host's (DOTNET_gcServer=0).
        foreach (var (name, value) in options.Set ?? new Dictionary<string, string>()) settings[name] = value;
        Console.WriteLine($"Pages: {(options.Postgres is null ? "SQLite" : "PostgreSQL")}, {options.Members} members, {options.Tools} tools, wrk {options.Connections} connections, {options.Duration.TotalSeconds:0} s a run.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");

        // The national recipe makes the schema and the sections; the volume goes in while no host runs; the index
        // is rebuilt by the site's own command.
        var clock = Stopwatch.StartNew();
        NetworkVolume.Seeded seeded;
        if (options.Postgres is null && File.Exists(marker))
            seeded = System.Text.Json.JsonSerializer.Deserialize<NetworkVolume.Seeded>(await File.ReadAllTextAsync(marker))!;
        else
        {
            await (await PortalProcess.StartAsync(data, settings)).DisposeAsync();
            await using (var db = Context(data, settings)) seeded = await NetworkVolume.FillAsync(db, options.Members, options.Tools);
            await PortalProcess.RunCommandAsync(data, settings, "search", "rebuild");
            await File.WriteAllTextAsync(marker, System.Text.Json.JsonSerializer.Serialize(seeded));
            Console.WriteLine($"Filled and indexed in {clock.Elapsed.TotalSeconds:0} s.");
        }

        await using var host = await PortalProcess.StartAsync(data, settings);
        await using var hello = await PortalProcess.StartHelloAsync();
        var cookies = await NotificationBenchmark.SignInAsync(host.Url, seeded.MemberEmail);
        var cookie = cookies.GetCookieHeader(new Uri(host.Url));
        // The organizer's pages (the door of a colloquium, the moderators' journal), read by the board member who runs them.
        var organizer = seeded.OrganizerEmail is { } address ? (await NotificationBenchmark.SignInAsync(host.Url, address)).GetCookieHeader(new Uri(host.Url)) : null;

        var pages = new List<(string Name, string Path)>
        {
            ("Accueil national", "/"),
            ("Accueil d'une section", $"/{seeded.MemberSectionSlug}/"),
            ("Régions", "/regions"),
            ("Outils", "/outils"),
            ("Outils, une facette", "/outils?" + seeded.FacetQuery),
            ("Un outil", $"/outils/{seeded.ToolId}"),
            ("Recherche « logement »", "/recherche?q=logement"),
            ("Recherche « sécurité alimentaire »", "/recherche?q=" + Uri.EscapeDataString("sécurité alimentaire")),
            ("Notifications", "/notifications"),
            // The forum: its home, a category, and the national recipe's thread of 52 replies (its last page).
            ("Discussions", "/forum"),
            ("Une catégorie", "/forum/pratiques-et-outils"),
            ("Sujet de 52 réponses", "/forum/sujets/2?p=3"),
            // Events: the national list and the recipe's colloquium (the first event it makes), with its seats.
            ("Événements", "/evenements"),
            ("Un événement", "/evenements/" + RqiiacPortail.Web.Infrastructure.Web.IdSlugConstraint.Key(1, "Colloque national du RQIIAC : agir ensemble sur les déterminants sociaux")),
            // The bulletin: its archive, the recipe's second issue, the subscription form.
            ("Bulletin", "/bulletin"),
            ("Un numéro du bulletin", "/bulletin/42"),
            ("S'abonner au bulletin", "/bulletin/abonnement"),
        };
        // The organizer is on the board too: the bulletin's desk and the recipe's draft's preview (its e-mail laid out).
        var organizerPages = new List<(string Name, string Path)>
        {
            ("Accueil du colloque (porte)", "/admin/evenements/1/accueil"), ("Journal", "/admin/journal"),
            ("Rédaction du bulletin", "/bulletin/redaction"), ("Aperçu d'un numéro", "/bulletin/43/apercu"),
        };
        if (options.Only is { } only)
        {
            pages = pages.Where(p => p.Path.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
            organizerPages = organizerPages.Where(p => p.Path.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        var rows = new List<string>();
        var ok = true;
        var runs = new[] { ("anonyme", (string?)null), ("membre", cookie) }.SelectMany(r => pages.Select(p => (p.Name, p.Path, Who: r.Item1, Cookie: r.Item2)))
            .Concat(organizer is null ? [] : organizerPages.Select(p => (p.Name, p.Path, Who: "organisatrice", Cookie: (string?)organizer)))
            // --who anonyme|membre|organisatrice: only that reader's rows.
            .Where(r => options.Who is null || r.Who == options.Who).ToList();
        foreach (var (name, path, who, signedIn) in runs)
            {
                // A session signed in now for each page: past the security stamp's interval (5 minutes) a cookie is
                // checked and made again at every request, which a browser takes back and wrk does not.
                var sessionCookie = signedIn is null ? null
                    : (await NotificationBenchmark.SignInAsync(host.Url, who == "membre" ? seeded.MemberEmail : seeded.OrganizerEmail!)).GetCookieHeader(new Uri(host.Url));
                if (sessionCookie is null && path == "/notifications") continue;
                if (await AnswersAsync(host.Url + path, sessionCookie) is var status && status != HttpStatusCode.OK)
                {
                    Console.WriteLine($"  {name} ({who}) : répond {(int)status} plutôt que 200, passée.");
                    ok = false;
                    continue;
                }
                // A short warm-up of each, then the endpoint and the page back to back.
                // Long enough for the tiered JIT to have compiled the page's path with its profile (a second is not).
                await Wrk.RunAsync(host.Url + path, options.Connections, TimeSpan.FromSeconds(3), sessionCookie);
                var ceiling = await Wrk.RunAsync(hello.Url + "/", options.Connections, options.Duration, null);
                var page = await Wrk.RunAsync(host.Url + path, options.Connections, options.Duration, sessionCookie);
                var memory = host.Memory();
                var ratio = page.RequestsPerSecond / ceiling.RequestsPerSecond;
                var row = string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {who} | {page.RequestsPerSecond:0} | {page.P50Ms:0.0} | {page.P99Ms:0.0} | {ceiling.RequestsPerSecond:0} | {ratio:0%} | {memory.Rss:0} |");
                if (page.Errors > 0) row += $" {page.Errors} errors";
                ok &= page.Errors == 0;
                rows.Add(row);
                Console.WriteLine(row);
            }

        var peak = host.Memory();
        Console.WriteLine();
        Console.WriteLine("| page | reader | req/s | p50 ms | p99 ms | hello req/s | ratio | host RSS MiB |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"Host memory: {peak.Rss:0} MiB now, peak {peak.Peak:0} MiB.");
        await host.DisposeAsync();
        await hello.DisposeAsync();
        if (options.Postgres is { } server)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await PostgresAsync(server, $"DROP DATABASE IF EXISTS {new Npgsql.NpgsqlConnectionStringBuilder(settings["Database:ConnectionString"]).Database} WITH (FORCE)");
        }
        if (options.Data is null) try { Directory.Delete(data, true); } catch (IOException) { }
        return ok ? 0 : 1;
    }

    private static async Task<HttpStatusCode> AnswersAsync(string url, string? cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    internal static PortalDbContext Context(string data, Dictionary<string, string> settings) =>
        settings.TryGetValue("Database:ConnectionString", out var postgres)
            ? new PostgresPortalDbContext(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(postgres).Options, new NoSection())
            : new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={Path.Combine(data, "portail.db")}").Options, new NoSection());

    private static async Task PostgresAsync(string server, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class NoSection : ICurrentSectionId
    {
        public int? Value => null;
    }
}
