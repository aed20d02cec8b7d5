using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>Where outbox messages finally go: an SMTP server, or .eml files when none is configured.</summary>
internal interface IMailTransport
{
    /// <summary>A session for one batch: with SMTP, one connection (and one sign-in) for all its messages.</summary>
    IMailSession Open();
}

internal interface IMailSession : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public IMailSession Open() => new Session(options.Value.Smtp);

    private sealed class Session(SmtpOptions smtp) : IMailSession
    {
        private SmtpClient? _client;

        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                // Connected at the first message, again only if the server dropped the connection.
                if (_client is not { IsConnected: true })
                {
                    _client?.Dispose();
                    _client = new SmtpClient();
                    await _client.ConnectAsync(await ConnectSocketAsync(ct), smtp.Host!, smtp.Port,
                        Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), ct);
                    if (!string.IsNullOrEmpty(smtp.UserName)) await _client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
                }
                await _client.SendAsync(message, ct);
            }
            catch
            {
                // A failed exchange leaves the connection in an unknown state: the next message starts afresh.
                _client?.Dispose();
                _client = null;
                throw;
            }
        }

        /// <summary>
        /// A socket without Nagle's algorithm: SMTP is a dialogue of small commands, and with Nagle each one waits for
        /// the server's delayed acknowledgement (40 ms on Linux) — 25 messages a second on one connection instead of
        /// several hundred (measured by the mail benchmark).
        /// </summary>
        private async Task<Socket> ConnectSocketAsync(CancellationToken ct)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(smtp.Host!, smtp.Port, ct);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is null) return;
            try { if (_client.IsConnected) await _client.DisconnectAsync(quit: true); }
            catch (Exception e) when (e is IOException or MailKit.ProtocolException or System.Net.Sockets.SocketException) { }
            _client.Dispose();
        }
    }
}

/// <summary>Lets the default set-up run with nothing installed: each message becomes a file to open in a mail reader.</summary>
internal sealed class PickupDirectoryTransport(IOptions<MailOptions> options, IOptions<PortalOptions> portal, TimeProvider clock) : IMailTransport, IMailSession
{
    public IMailSession Open() => this;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var directory = options.Value.PickupDirectory ?? Path.Combine(portal.Value.DataPath, "courriels");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml");
        // Written aside then renamed, so whoever watches the folder never opens half a message.
        var partial = path + ".partiel";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path, overwrite: true);
    }
}
