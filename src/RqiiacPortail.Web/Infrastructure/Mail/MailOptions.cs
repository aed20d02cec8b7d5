using System.ComponentModel.DataAnnotations;

namespace RqiiacPortail.Web.Infrastructure.Mail;

public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required, EmailAddress] public string FromAddress { get; set; } = "portail@rqiiac.qc.ca";
    [Required] public string FromName { get; set; } = "Portail RQIIAC";

    /// <summary>SMTP server; when <see cref="SmtpOptions.Host"/> is empty, messages are written as .eml files.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where .eml files go without SMTP; <c>App_Data/courriels</c> by default.</summary>
    public string? PickupDirectory { get; set; }

    [Range(1, 100_000)] public int MaxPerMinute { get; set; } = 120;
    [Range(1, 500)] public int BatchSize { get; set; } = 20;
    [Range(1, 50)] public int MaxAttempts { get; set; } = 8;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sent and abandoned messages hold names, addresses and what was said to members: kept this long for
    /// troubleshooting, then deleted (Law 25 asks that personal information be kept no longer than needed).
    /// </summary>
    public TimeSpan KeepSentFor { get; set; } = TimeSpan.FromDays(30);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>MailKit's SecureSocketOptions: None, Auto, StartTls, StartTlsWhenAvailable, SslOnConnect.</summary>
    public string Security { get; set; } = "Auto";
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
