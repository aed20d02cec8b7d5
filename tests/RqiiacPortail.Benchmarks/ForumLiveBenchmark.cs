using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// N members read the national recipe's long thread (<c>/forum/sujets/2</c>), each with the page's live connection
/// open; an administrator replies through the thread's form, and we measure, for each reader, the time from the
/// moment the reply was sent to the moment it arrived. Rounds: the first pays for compiling the statements on the
/// way, the others are the steady state.
/// </summary>
internal static class ForumLiveBenchmark
{
    private const int Thread = 2, Rounds = 4;

    public static async Task<int> RunAsync(int count)
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-bench-").FullName;
        Console.WriteLine($"Forum live replies: {count} readers of /forum/sujets/{Thread}, one SignalR connection each, {Rounds} replies one after the other.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        await using var host = await PortalProcess.StartAsync(data, new Dictionary<string, string> { ["RateLimits:ForumPostsPerMinute"] = "1000", ["RateLimits:MemberPostsPerMinutePerAddress"] = "1000" });

        var (_, poster, members) = await NotificationBenchmark.SeedAsync(Path.Combine(data, "portail.db"), count, Roles.Administrator);
        var clock = Stopwatch.StartNew();
        var sessions = new ConcurrentBag<(string Email, CookieContainer Cookies)>();
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (email, ct) =>
            sessions.Add((email, await NotificationBenchmark.SignInAsync(host.Url, email))));
        Console.WriteLine($"Signed in {sessions.Count} readers in {clock.Elapsed.TotalSeconds:0.0} s.");
        var before = host.Memory();

        // Every arrival is kept by reader and reply id: the push may come before the form's answer names the reply.
        var arrivals = new ConcurrentDictionary<(string Email, int Post), long>();
        var connections = new ConcurrentBag<HubConnection>();
        clock.Restart();
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (session, ct) =>
        {
            var connection = new HubConnectionBuilder().WithUrl($"{host.Url}/hubs/forum", o => o.Cookies = session.Cookies).Build();
            connection.On<JsonElement>("message", post => arrivals.TryAdd((session.Email, post.GetProperty("id").GetInt32()), Stopwatch.GetTimestamp()));
            await connection.StartAsync(ct);
            if (!await connection.InvokeAsync<bool>("Lire", Thread, ct)) throw new InvalidOperationException($"{session.Email} may not follow thread {Thread} live.");
            connections.Add(connection);
        });
        Console.WriteLine($"Opened {connections.Count} connections (each joined the thread) in {clock.Elapsed.TotalSeconds:0.0} s.");
        var connected = host.Memory();

        var cookies = await NotificationBenchmark.SignInAsync(host.Url, poster);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Url) };
        var complete = true;
        var p99s = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            var form = await http.GetStringAsync($"/forum/sujets/{Thread}?p=999");
            var content = new FormUrlEncodedContent([
                new("__RequestVerificationToken", NotificationBenchmark.Token().Match(form).Groups[1].Value),
                new("Input.Body", $"Réponse n° {round} du banc d'essai : chacun des {count} lecteurs doit la voir paraître."),
            ]);
            var sent = Stopwatch.GetTimestamp();
            var response = await http.PostAsync($"/forum/sujets/{Thread}?handler=Repondre", content);
            var answered = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Reply refused: {(int)response.StatusCode}");
            var id = int.Parse(response.Headers.Location!.OriginalString.Split("/forum/messages/")[1].Split('/', '?', '#')[0], System.Globalization.CultureInfo.InvariantCulture);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            long[] Received() => arrivals.Where(a => a.Key.Post == id).Select(a => a.Value).ToArray();
            while (Received().Length < connections.Count && DateTime.UtcNow < deadline) await Task.Delay(5);

            var latencies = Received().Select(t => Stopwatch.GetElapsedTime(sent, t).TotalMilliseconds).Order().ToArray();
            double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
            Console.WriteLine($"Reply {round}{(round == 1 ? " (cold)" : "")}: form answered in {answered:0} ms; delivered {latencies.Length}/{connections.Count}; " +
                $"latency (sent → received) p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms, max {Percentile(1):0} ms");
            complete &= latencies.Length == connections.Count;
            if (round > 1) p99s.Add(Percentile(0.99));
            await Task.Delay(500);
        }
        var after = host.Memory();
        Console.WriteLine($"Warm replies: p99 {p99s.Min():0}–{p99s.Max():0} ms (target < 250 ms).");
        Console.WriteLine($"Host memory (RSS): {before.Rss:0} MiB signed in, {connected.Rss:0} MiB with {connections.Count} connections, {after.Rss:0} MiB after (peak {after.Peak:0} MiB)");

        foreach (var c in connections) await c.DisposeAsync();
        try { Directory.Delete(data, true); } catch (IOException) { }
        return complete ? 0 : 1;
    }
}
