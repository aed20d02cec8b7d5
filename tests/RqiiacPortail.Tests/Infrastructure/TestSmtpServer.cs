using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace RqiiacPortail.Tests.Infrastructure;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer library) whose answers a test chooses: a recipient refused
/// for good (550) or for now (451), or a message whose DATA it receives and never answers — a server that has the
/// message when its sender stops. The suite's aiosmtpd accepts everything; this one is for what goes wrong.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public TestSmtpServer()
    {
        Port = Ports.Free();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Filter(this));
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The reply to a recipient, by address: 250 (the default), 451 or 550.</summary>
    public Func<string, int> RecipientReply { get; set; } = _ => 250;

    /// <summary>While true, a message's DATA is taken and never answered.</summary>
    public bool Hold { get; set; }

    /// <summary>Every message whose DATA arrived, held or accepted, in order.</summary>
    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Recipients asked for, with the reply each got: what the sender tried.</summary>
    public ConcurrentQueue<(string To, int Reply)> Asked { get; } = new();

    public IReadOnlyList<MimeMessage> For(string to) =>
        Received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task<MimeMessage> WaitForAsync(string to, int count = 1, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (For(to) is { } found && found.Count >= count) return found[count - 1];
            await Task.Delay(50);
        }
        throw new TimeoutException($"{count} message(s) for {to} did not reach the test SMTP server within {timeoutSeconds} s ({For(to).Count} did).");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try { await _running; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Filter(TestSmtpServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken ct) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken ct)
        {
            var address = to.AsAddress();
            var reply = owner.RecipientReply(address);
            owner.Asked.Enqueue((address, reply));
            return reply switch
            {
                250 => Task.FromResult(true),
                550 => throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 Boîte inexistante")),
                _ => throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)reply, "4.2.0 Réessayez plus tard")),
            };
        }
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            owner.Received.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            // A server that has the message and has not said so: the sender cannot know whether it was taken.
            if (owner.Hold) await Task.Delay(Timeout.Infinite, ct);
            return SmtpResponse.Ok;
        }
    }
}
