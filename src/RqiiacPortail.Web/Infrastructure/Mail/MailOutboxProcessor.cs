using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>
/// Drains the outbox: takes a lease on each due message (so several instances can run side by side), sends it,
/// and on failure schedules a retry with exponential backoff until <see cref="MailOptions.MaxAttempts"/>.
/// Once an hour it also deletes what was sent (or given up) longer ago than <see cref="MailOptions.KeepSentFor"/>.
/// Lanes: urgent mail (account links) has a loop of its own and skips the pace; bulk mail goes when nothing else
/// waits. One SMTP connection serves a whole batch.
/// </summary>
internal sealed class MailOutboxProcessor(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    MailOutboxSignal signal,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<MailOutboxProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var throttle = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.MaxPerMinute / 6),
            TokensPerPeriod = Math.Max(1, o.MaxPerMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = int.MaxValue,
            AutoReplenishment = true,
        });
        // Account mail has a loop of its own, outside the pace: a confirmation link or a password reset never
        // waits behind a digest or a bulletin, whatever those wait for.
        await Task.WhenAll(RunAsync(urgent: true, throttle, stoppingToken), RunAsync(urgent: false, throttle, stoppingToken));
    }

    private async Task RunAsync(bool urgent, RateLimiter throttle, CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            int sent;
            try
            {
                sent = await ProcessBatchAsync(throttle, urgent, stoppingToken);
                if (!urgent && clock.GetUtcNow() - _prunedAt >= PruneEvery)
                {
                    await PruneAsync(stoppingToken);
                    _prunedAt = clock.GetUtcNow();
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable; the next poll tries again.
                logger.LogError(e, "Échec du traitement de la file des courriels.");
                sent = 0;
            }
            if (sent < o.BatchSize)
            {
                try { await (urgent ? signal.WaitUrgentAsync(o.PollInterval, stoppingToken) : signal.WaitAsync(o.PollInterval, stoppingToken)); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Sends a batch of one kind: account mail (unpaced), or the rest, normal before bulk.</summary>
    internal async Task<int> ProcessBatchAsync(RateLimiter throttle, bool urgent, CancellationToken ct)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();

        var candidates = await db.Set<OutboxMail>()
            .Where(m => m.SentAt == null && !m.Abandoned && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .Where(m => urgent ? m.Lane == MailLane.Urgent : m.Lane != MailLane.Urgent)
            .OrderBy(m => m.Lane).ThenBy(m => m.Id).Select(m => new { m.Id, m.Lane }).Take(o.BatchSize).ToListAsync(ct);

        var done = 0;
        var bulks = new Dictionary<long, MailBulk>();
        await using var session = transport.Open();
        foreach (var candidate in candidates)
        {
            using var lease = urgent ? null : await throttle.AcquireAsync(1, ct);
            var id = candidate.Id;
            var until = clock.GetUtcNow() + Lease;
            var claimedAt = clock.GetUtcNow();
            var token = Guid.NewGuid();
            var claimed = await db.Set<OutboxMail>()
                .Where(m => m.Id == id && m.SentAt == null && (m.LockedUntil == null || m.LockedUntil < claimedAt))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until).SetProperty(m => m.LockToken, token), ct);
            if (claimed == 0) continue; // another instance took it

            var mail = await db.Set<OutboxMail>().AsNoTracking().SingleAsync(m => m.Id == id, ct);
            try
            {
                MailBulk? bulk = null;
                if (mail.BulkId is { } bulkId && !bulks.TryGetValue(bulkId, out bulk))
                    bulks[bulkId] = bulk = await db.Set<MailBulk>().AsNoTracking().SingleAsync(b => b.Id == bulkId, ct);
                await session.SendAsync(ToMime(mail, bulk, o), ct);
                if (await MarkSentAsync(db, id, token, ct)) done++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = mail.Attempts + 1;
                // An address the mail library cannot read never will: no point retrying it for days.
                var abandon = attempts >= o.MaxAttempts || e is MimeKit.ParseException;
                var retryAt = Background.RetrySchedule.Next(clock.GetUtcNow(), o.FirstRetryDelay, attempts);
                logger.LogWarning(e, "Envoi du courriel {Id} à {To} échoué (tentative {Attempt}).", id, mail.To, attempts);
                var error = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
                await db.Set<OutboxMail>().Where(m => m.Id == id && m.LockToken == token).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.Abandoned, abandon)
                    .SetProperty(m => m.NextAttemptAt, retryAt)
                    .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.LockToken, (Guid?)null)
                    .SetProperty(m => m.LastError, error), CancellationToken.None);
            }
        }
        return done;
    }

    /// <summary>
    /// Records a message sent, only while this attempt holds its lease: an attempt that outlived it (a slow server)
    /// leaves the row to the attempt that took it over, which sends it again under the same Message-ID — at least
    /// once, never silently lost; a receiving server that keeps Message-IDs shows it once.
    /// </summary>
    /// <returns>Whether this attempt still held the lease.</returns>
    internal async Task<bool> MarkSentAsync(PortalDbContext db, long id, Guid token, CancellationToken ct)
    {
        var held = await db.Set<OutboxMail>().Where(m => m.Id == id && m.LockToken == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, clock.GetUtcNow())
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.LockToken, (Guid?)null)
            .SetProperty(m => m.LastError, (string?)null), ct) == 1;
        if (!held) logger.LogWarning("Courriel {Id} envoyé par une tentative dont le bail avait été repris : il peut partir deux fois, sous le même Message-ID.", id);
        return held;
    }

    internal async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = clock.GetUtcNow() - options.Value.KeepSentFor;
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var deleted = await db.Set<OutboxMail>()
            .Where(m => (m.SentAt != null && m.SentAt < before) || (m.Abandoned && m.NextAttemptAt < before))
            .ExecuteDeleteAsync(ct);
        // A bulk body goes with its last delivery.
        await db.Set<MailBulk>().Where(b => b.CreatedAt < before && !db.Set<OutboxMail>().Any(m => m.BulkId == b.Id)).ExecuteDeleteAsync(ct);
        if (deleted > 0) logger.LogInformation("{Count} courriels envoyés ou abandonnés supprimés de la file.", deleted);
        return deleted;
    }

    internal static MimeMessage ToMime(OutboxMail mail, MailBulk? bulk, MailOptions o)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId, Date = mail.CreatedAt };
        message.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        foreach (var line in (mail.Headers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) message.Headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        var (html, text) = bulk is null ? (mail.HtmlBody, mail.TextBody) : Fill(bulk, mail.Fields);
        var body = new BodyBuilder { HtmlBody = html, TextBody = text };
        if (mail.Attachment is { } file && mail.AttachmentName is { } name)
            body.Attachments.Add(name, file, ContentType.Parse(mail.AttachmentType ?? "application/octet-stream"));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>A bulk body with this recipient's values in its <c>{{name}}</c> placeholders.</summary>
    private static (string Html, string Text) Fill(MailBulk bulk, string? fields)
    {
        var values = fields is null ? [] : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(fields) ?? [];
        string Replace(string body, Func<string, string> encode) =>
            values.Aggregate(body, (current, kv) => current.Replace("{{" + kv.Key + "}}", encode(kv.Value), StringComparison.Ordinal));
        return (Replace(bulk.HtmlBody, MailBody.Encoder.Encode), Replace(bulk.TextBody, v => v));
    }
}
