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

    /// <summary>The pace of normal and bulk mail (account mail is never paced); 0 turns pacing off.</summary>
    [Range(0, 1_000_000)] public int MaxPerMinute { get; set; } = 120;

    /// <summary>Rows one worker claims in one statement.</summary>
    [Range(1, 1000)] public int BatchSize { get; set; } = 20;

    /// <summary>Workers for normal and bulk mail, each with its own SMTP connection (account mail has one more).</summary>
    [Range(1, 32)] public int Workers { get; set; } = 1;

    /// <summary>How long a claim holds its rows: a worker that stops (a crash) leaves them to another after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What becomes of a message whose sending was interrupted: see <see cref="UncertainMailPolicy"/>.</summary>
    public UncertainMailPolicy Uncertain { get; set; } = UncertainMailPolicy.Resend;

    /// <summary>Refusals for good (SMTP 5xx on the recipient) after which an address gets no more bulk mail until confirmed again.</summary>
    [Range(1, 100)] public int BulkStopsAfterFailures { get; set; } = 3;

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
