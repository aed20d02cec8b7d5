using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Events;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// Registrations for one event under load: N clients (visitors, each with its own session and antiforgery token)
/// register again and again, each time with a new address, for the national recipe's colloquium (250 seats, two
/// slots of two workshops, three fees, a required question), as its form posts them. Then the rows are counted:
/// every 302 a registration, none lost, seats and workshops within capacity, the line in arrival order.
/// </summary>
internal static partial class RegistrationBenchmark
{
    private const string Colloquium = "Colloque national du RQIIAC : agir ensemble sur les déterminants sociaux";

    [GeneratedRegex("<input type=\"radio\" id=\"[^\"]*\" name=\"([^\"]+)\" value=\"(\\d+)\"")]
    private static partial Regex Radio();

    public static async Task<int> RunAsync(int clients, TimeSpan duration, string? postgres)
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-bench-").FullName;
        var settings = new Dictionary<string, string> { ["RateLimits:PostsPerMinute"] = "10000000" };
        if (Environment.GetEnvironmentVariable("BENCH_SQL") is not null) settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        if (postgres is not null)
        {
            var database = $"rqiiac_registrations_{Environment.ProcessId}";
            await using (var connection = new Npgsql.NpgsqlConnection(postgres))
            {
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE); CREATE DATABASE {database}", connection);
                await command.ExecuteNonQueryAsync();
            }
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        Console.WriteLine($"Registrations: {clients} concurrent clients for one event, {duration.TotalSeconds:0} s, {(postgres is null ? "SQLite" : "PostgreSQL")}.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        await using var host = await PortalProcess.StartAsync(data, settings);

        int eventId;
        await using (var db = PageBenchmark.Context(data, settings))
            eventId = await db.Set<Event>().AcrossSections().Where(e => e.Title == Colloquium).Select(e => e.Id).SingleAsync();
        var path = $"/evenements/{RqiiacPortail.Web.Infrastructure.Web.IdSlugConstraint.Key(eventId, Colloquium)}/inscription";

        // Each client loads the form once: its cookie, its token, and the form's fields (a fee, a workshop a slot, the answer).
        var sessions = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Url) };
            var form = await http.GetStringAsync(path);
            var token = NotificationBenchmark.Token().Match(form).Groups[1].Value;
            var choices = Radio().Matches(form).GroupBy(m => m.Groups[1].Value).Select(g => (Name: g.Key, Values: g.Select(m => m.Groups[2].Value).ToArray())).ToList();
            return (Http: http, Token: token, Choices: choices);
        }));
        var question = Regex.Match(await sessions[0].Http.GetStringAsync(path), "name=\"(Input\\.Answers\\[\\d+\\])\" value=\"oui\"").Groups[1].Value;

        var made = 0;
        var refused = 0;
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var stop = DateTime.UtcNow + duration;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(sessions.Select(async (s, client) =>
        {
            for (var n = 0; DateTime.UtcNow < stop; n++)
            {
                var fields = new List<KeyValuePair<string, string>>
                {
                    new("__RequestVerificationToken", s.Token), new("Input.Name", $"Personne {client}-{n}"),
                    new("Input.Email", $"banc-{client}-{n}@exemple.ca"), new(question, n % 3 == 0 ? "non" : "oui"),
                };
                foreach (var (name, values) in s.Choices) fields.Add(new(name, values[(client + n) % values.Length]));
                var sent = Stopwatch.GetTimestamp();
                var response = await s.Http.PostAsync(path, new FormUrlEncodedContent(fields));
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode == HttpStatusCode.Redirect) Interlocked.Increment(ref made);
                else
                {
                    Interlocked.Increment(ref refused);
                    if (refused <= 3) Console.WriteLine($"Refused: {(int)response.StatusCode}");
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine($"{made} registrations in {elapsed:0.0} s: {made / elapsed:0} per second; {refused} refused; " +
            $"latency p50 {Percentile(0.5):0} ms, p99 {Percentile(0.99):0} ms, max {Percentile(1):0} ms.");

        await using (var db = PageBenchmark.Context(data, settings))
        {
            var rows = await db.Set<Registration>().AsNoTracking().Where(r => r.EventId == eventId).OrderBy(r => r.Arrival)
                .Select(r => new { r.Arrival, r.Status }).ToListAsync();
            var e = await db.Set<Event>().AcrossSections().AsNoTracking().Include(x => x.Workshops).SingleAsync(x => x.Id == eventId);
            var confirmed = rows.Count(r => r.Status == RegistrationStatus.Confirmed);
            var inOrder = rows.Take(confirmed).All(r => r.Status == RegistrationStatus.Confirmed) && rows.Skip(confirmed).All(r => r.Status == RegistrationStatus.Waitlisted);
            var gapless = rows.Select(r => r.Arrival).SequenceEqual(Enumerable.Range(1, rows.Count).Select(i => (long)i));
            var workshops = e.Workshops.All(w => w.Taken <= w.Capacity);
            Console.WriteLine($"Rows: {rows.Count} ({confirmed} confirmed, {rows.Count - confirmed} waiting); seats taken {e.Taken}/{e.Capacity}; " +
                $"workshops {string.Join(", ", e.Workshops.Select(w => $"{w.Taken}/{w.Capacity}"))}; arrivals gapless: {gapless}; seats in arrival order: {inOrder}.");
            var sound = rows.Count == made && e.Taken == Math.Min(made, e.Capacity) && confirmed == e.Taken && inOrder && gapless && workshops && refused == 0;
            Console.WriteLine(sound ? "None lost, none over capacity." : "FAILED: the rows do not add up.");
            Console.WriteLine($"Target: at least 200 per second — {(made / elapsed >= 200 ? "met" : "missed")}.");
            foreach (var s in sessions) s.Http.Dispose();
            try { Directory.Delete(data, true); } catch (IOException) { }
            return sound ? 0 : 1;
        }
    }
}
