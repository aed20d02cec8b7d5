using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Bulletin.Sending;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// A bulletin's whole send, as the board starts it: N confirmed subscribers, the board member signs in, writes an
/// issue and presses « Publier maintenant »; the host (a process of its own) writes the ledger and the outbox rows in
/// batches and sends every message, pacing off, to an SMTP server on loopback that counts them. Measures how long the
/// deliveries took to write, messages a second from the first to the last received, and the host's resident memory.
/// </summary>
internal static class BulletinBenchmark
{
    public static async Task<int> RunAsync(int subscribers, int workers, IReadOnlyDictionary<string, string>? extra = null)
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-bench-").FullName;
        await using var sink = new MailBenchmark.Sink();
        var settings = new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None", ["Mail:MaxPerMinute"] = "0", ["Mail:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:BatchSize"] = "200", ["Mail:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        Console.WriteLine($"Bulletin: {subscribers} confirmed subscribers, {workers} mail workers, pacing off, SQLite.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        await using var host = await PortalProcess.StartAsync(data, settings);
        var (_, board, _) = await NotificationBenchmark.SeedAsync(Path.Combine(data, "portail.db"), 0);
        await using (var db = PageBenchmark.Context(data, settings))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var chunk in Enumerable.Range(0, subscribers).Chunk(2000))
            {
                db.AddRange(chunk.Select(i => new BulletinSubscriber
                {
                    Email = $"abonne{i:00000}@banc.rqiiac.test", State = SubscriberState.Confirmed, ConfirmedAt = now, CreatedAt = now,
                    UnsubscribeCode = Guid.NewGuid().ToString("N"),
                }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        var audience = subscribers + 4; // and the national recipe's sample addresses still consenting
        var before = host.Memory().Rss;

        var cookies = await NotificationBenchmark.SignInAsync(host.Url, board);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.Url) };
        async Task PostAsync(string page, string action, Dictionary<string, string> fields)
        {
            var form = await http.GetStringAsync(page);
            fields["__RequestVerificationToken"] = NotificationBenchmark.Token().Match(form).Groups[1].Value;
            var response = await http.PostAsync(action, new FormUrlEncodedContent(fields));
            if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{action}: {(int)response.StatusCode}");
        }
        var article = string.Concat(Enumerable.Repeat("Les organisatrices et organisateurs communautaires de la région se sont réunis pour **agir ensemble**. ", 30));
        await PostAsync("/bulletin/rediger", "/bulletin/rediger", new Dictionary<string, string>
        {
            ["Input.Number"] = "900", ["Input.Title"] = "Numéro du banc d'essai", ["Input.IssuedOn"] = "2026-12-15", ["Input.Cover"] = article,
            ["Input.Articles[0].Title"] = "Un article", ["Input.Articles[0].Body"] = article + "\n\n- un point\n- [un lien](/outils)",
            ["Input.Articles[1].Title"] = "Un autre", ["Input.Articles[1].Body"] = article,
        });
        var clock = Stopwatch.StartNew();
        await PostAsync("/bulletin/900/apercu", "/bulletin/900/apercu?handler=Publier", new Dictionary<string, string> { ["envoyer"] = "true" });
        var published = clock.Elapsed;

        var rss = new List<double>();
        TimeSpan? written = null;
        var deadline = DateTime.UtcNow.AddMinutes(15);
        await using (var db = PageBenchmark.Context(data, settings))
        {
            var polled = Stopwatch.StartNew();
            while (DateTime.UtcNow < deadline)
            {
                rss.Add(host.Memory().Rss);
                await Task.Delay(100);
                if (polled.ElapsedMilliseconds < 1000) continue;
                polled.Restart();
                if (written is null && await db.Set<BulletinDelivery>().CountAsync() >= audience) written = clock.Elapsed;
                if (written is not null && sink.Count >= audience
                    && !await db.Set<OutboxMail>().AnyAsync(m => m.State == MailState.Queued || m.State == MailState.Sending || m.State == MailState.Retrying)) break;
            }
        }
        var (_, peak) = host.Memory();
        var seconds = Stopwatch.GetElapsedTime(sink.First, sink.Last).TotalSeconds;
        Console.WriteLine($"Publishing answered in {published.TotalMilliseconds:0} ms; {audience} deliveries written in {written?.TotalSeconds ?? double.NaN:0.0} s after it.");
        Console.WriteLine($"Received {sink.Count} of {audience} messages ({sink.Bytes / 1024.0 / 1024:0.0} MiB) in {seconds:0.00} s from the first to the last: {sink.Count / seconds:0} messages/s; the last {clock.Elapsed.TotalSeconds:0.0} s after publishing.");
        Console.WriteLine($"Host memory before publishing: resident {before:0} MiB.");
        Console.WriteLine($"Host memory while sending: resident {rss.DefaultIfEmpty(0).Average():0} MiB on average, {rss.DefaultIfEmpty(0).Max():0} MiB at most (peak {peak:0} MiB).");
        return sink.Count >= audience ? 0 : 1;
    }
}
