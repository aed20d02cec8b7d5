using System.Buffers;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Infrastructure.Mail;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// A bulletin's volume through the outbox: N recipients of one bulk body (placeholders, a List-Unsubscribe header
/// each), pacing off, sent by the host (a process of its own, so that its memory is measured alone) to an SMTP
/// server on loopback that counts what it receives. Measures messages a second from the first to the last received,
/// and the host's resident memory while it sends.
/// </summary>
internal static class MailBenchmark
{
    public static async Task<int> RunAsync(int count, int workers, string? postgres)
    {
        var data = Directory.CreateTempSubdirectory("rqiiac-bench-").FullName;
        await using var sink = new Sink();
        var settings = new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None", ["Mail:MaxPerMinute"] = "0", ["Mail:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:BatchSize"] = "200", ["Mail:PollInterval"] = "00:00:00.200",
        };
        if (postgres is not null)
        {
            var database = $"rqiiac_mail_{Environment.ProcessId}";
            await using (var connection = new Npgsql.NpgsqlConnection(postgres))
            {
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE); CREATE DATABASE {database}", connection);
                await command.ExecuteNonQueryAsync();
            }
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        Console.WriteLine($"Mail: {count} messages of one bulk body, {workers} workers, pacing off, {(postgres is null ? "SQLite" : "PostgreSQL")}.");
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
        await using var host = await PortalProcess.StartAsync(data, settings);

        // The bulletin's shape: a body of about 8 KB stored once, each recipient's name and unsubscribe link in fields.
        var paragraph = "<p>" + string.Concat(Enumerable.Repeat("Les organisatrices et organisateurs communautaires de la région se sont réunis. ", 12)) + "</p>";
        var clock = Stopwatch.StartNew();
        await using (var db = PageBenchmark.Context(data, settings))
        {
            var bulk = new MailBulk
            {
                Subject = "Inter Action Communautaire, numéro d'essai", CreatedAt = DateTimeOffset.UtcNow,
                HtmlBody = "<p>Bonjour {{nom}},</p>" + string.Concat(Enumerable.Repeat(paragraph, 8)) + "<p><a href=\"{{desabonnement}}\">Se désabonner</a></p>",
                TextBody = "Bonjour {{nom}},\n\n" + string.Concat(Enumerable.Repeat("Les organisatrices et organisateurs communautaires. ", 60)) + "\n\nSe désabonner : {{desabonnement}}",
            };
            db.Add(bulk);
            await db.SaveChangesAsync();
            var now = DateTimeOffset.UtcNow;
            // Kept for later: rows saved while the host already looks are taken as they come, which is what a real
            // bulletin does too; they are written in large batches so that writing is not what is measured.
            foreach (var chunk in Enumerable.Range(0, count).Chunk(2000))
            {
                foreach (var i in chunk)
                {
                    var token = Guid.NewGuid().ToString("N");
                    db.Add(new OutboxMail
                    {
                        To = $"lecteur{i:00000}@banc.rqiiac.test", ToName = $"Lectrice {i}", Subject = bulk.Subject, Lane = MailLane.Bulk, BulkId = bulk.Id,
                        Fields = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["nom"] = $"Lectrice {i}", ["desabonnement"] = $"https://portail.rqiiac.qc.ca/desabonnement/{token}" }),
                        Headers = $"List-Unsubscribe: <https://portail.rqiiac.qc.ca/desabonnement/{token}>\nList-Unsubscribe-Post: List-Unsubscribe=One-Click",
                        MessageId = $"{token}@rqiiac.qc.ca", CreatedAt = now, NextAttemptAt = now,
                    });
                }
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        Console.WriteLine($"Queued {count} messages in {clock.Elapsed.TotalSeconds:0.0} s.");

        // Until every row has its outcome (a receiving server may refuse one: it is then failed, not waited for).
        var rss = new List<double>();
        var deadline = DateTime.UtcNow.AddMinutes(10);
        await using (var db = PageBenchmark.Context(data, settings))
        {
            var polled = Stopwatch.StartNew();
            while (DateTime.UtcNow < deadline)
            {
                rss.Add(host.Memory().Rss);
                await Task.Delay(100);
                if (sink.Count < count && polled.ElapsedMilliseconds < 1000) continue;
                polled.Restart();
                if (!await db.Set<OutboxMail>().AnyAsync(m => m.State == MailState.Queued || m.State == MailState.Sending || m.State == MailState.Retrying)) break;
            }
        }
        var (_, peak) = host.Memory();
        var seconds = Stopwatch.GetElapsedTime(sink.First, sink.Last).TotalSeconds;
        Console.WriteLine($"Received {sink.Count} of {count} messages ({sink.Bytes / 1024.0 / 1024:0.0} MiB) in {seconds:0.00} s from the first to the last: {sink.Count / seconds:0} messages/s.");
        Console.WriteLine($"Host memory while sending: resident {rss.DefaultIfEmpty(0).Average():0} MiB on average, {rss.DefaultIfEmpty(0).Max():0} MiB at most (peak {peak:0} MiB).");
        await using (var db = PageBenchmark.Context(data, settings))
        {
            var states = await db.Set<OutboxMail>().GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            Console.WriteLine("Rows: " + string.Join(", ", states.Select(s => $"{s.Key.Label()} {s.Count}")));
        }
        return sink.Count >= count * 0.999 ? 0 : 1;
    }

    /// <summary>An SMTP server (the SmtpServer library) that only counts: the host's sending is what is measured.</summary>
    internal sealed class Sink : MessageStore, IAsyncDisposable
    {
        private readonly SmtpServer.SmtpServer _server;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;
        private int _count;
        private long _bytes;

        public Sink()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var services = new ServiceProvider();
            services.Add(this);
            services.Add(new NoDelayListeners());
            _server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build(), services);
            _running = _server.StartAsync(_stop.Token);
        }

        public int Port { get; }
        public int Count => Volatile.Read(ref _count);
        public long Bytes => Interlocked.Read(ref _bytes);
        public long First { get; private set; }
        public long Last { get; private set; }

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            var now = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref _count) == 1) First = now;
            Last = now;
            Interlocked.Add(ref _bytes, buffer.Length);
            return Task.FromResult(SmtpResponse.Ok);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _server.Shutdown();
            try { await _running; } catch (OperationCanceledException) { }
        }
    }

    /// <summary>
    /// The library's listener leaves Nagle's algorithm on: each reply then waits for the client's delayed
    /// acknowledgement (40 ms on Linux), which caps one connection at about 23 messages a second whatever the sender.
    /// </summary>
    private sealed class NoDelayListeners : SmtpServer.Net.IEndpointListenerFactory
    {
        public SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpoint)
        {
            var listener = new System.Net.Sockets.TcpListener(endpoint.Endpoint);
            listener.Start();
            return new Listener(listener);
        }

        private sealed class Listener(System.Net.Sockets.TcpListener listener) : SmtpServer.Net.IEndpointListener
        {
            public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken ct)
            {
                var client = await listener.AcceptTcpClientAsync(ct);
                client.NoDelay = true;
                context.Properties[SmtpServer.Net.EndpointListener.LocalEndPointKey] = client.Client.LocalEndPoint!;
                context.Properties[SmtpServer.Net.EndpointListener.RemoteEndPointKey] = client.Client.RemoteEndPoint!;
                return new Pipe(client);
            }

            public void Dispose() => listener.Stop();
        }

        /// <summary>The connection as pipes (the library's own is internal); this sink never speaks TLS.</summary>
        private sealed class Pipe(System.Net.Sockets.TcpClient client) : SmtpServer.IO.ISecurableDuplexPipe
        {
            public System.IO.Pipelines.PipeReader Input { get; } = System.IO.Pipelines.PipeReader.Create(client.GetStream());
            public System.IO.Pipelines.PipeWriter Output { get; } = System.IO.Pipelines.PipeWriter.Create(client.GetStream());
            public bool IsSecure => false;
            public System.Security.Authentication.SslProtocols SslProtocol => System.Security.Authentication.SslProtocols.None;

            public Task UpgradeAsync(System.Security.Cryptography.X509Certificates.X509Certificate certificate,
                System.Security.Authentication.SslProtocols protocols, CancellationToken ct) => throw new NotSupportedException();

            public void Dispose() => client.Dispose();
        }
    }
}
