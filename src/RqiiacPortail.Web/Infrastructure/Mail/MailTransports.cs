using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>Where outbox messages finally go: an SMTP server, or .eml files when none is configured.</summary>
internal interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

internal sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}

/// <summary>Lets the default set-up run with nothing installed: each message becomes a file to open in a mail reader.</summary>
internal sealed class PickupDirectoryTransport(IOptions<MailOptions> options, IOptions<PortalOptions> portal) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var directory = options.Value.PickupDirectory ?? Path.Combine(portal.Value.DataPath, "courriels");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml");
        // Written aside then renamed, so whoever watches the folder never opens half a message.
        var partial = path + ".partiel";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path, overwrite: true);
    }
}
