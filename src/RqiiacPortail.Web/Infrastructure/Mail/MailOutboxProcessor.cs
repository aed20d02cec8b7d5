using System.Threading.RateLimiting;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>
/// Drains the outbox. Each worker claims a batch of due rows in one statement (<c>FOR UPDATE SKIP LOCKED</c> on
/// PostgreSQL, so workers of every instance take different rows), under a lease and an owner token; every later
/// write of a row (sent, failed, retried) is conditional on that token. A worker keeps its SMTP connection from
/// batch to batch while mail keeps coming. What each outcome means is <see cref="MailState"/>.
/// Lanes: urgent mail (account links) has a worker of its own and skips the pace; bulk mail goes when nothing else
/// waits. Once an hour the first worker deletes what was sent (or given up) longer ago than
/// <see cref="MailOptions.KeepSentFor"/>.
/// </summary>
internal sealed class MailOutboxProcessor(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    MailOutboxSignal signal,
    IOptions<MailOptions> options,
    TimeProvider clock,
    ILogger<MailOutboxProcessor> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    /// <summary>This instance, as a person reads it in the queue: machine and process.</summary>
    internal static readonly string Owner = Background.Instance.Name;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var throttle = o.MaxPerMinute == 0 ? null : new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.MaxPerMinute / 6),
            TokensPerPeriod = Math.Max(1, o.MaxPerMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = int.MaxValue,
            AutoReplenishment = true,
        });
        // Account mail has a worker of its own, outside the pace: a confirmation link or a password reset never
        // waits behind a digest or a bulletin, whatever those wait for.
        var workers = Enumerable.Range(0, o.Workers).Select(i => RunAsync(urgent: false, throttle, prunes: i == 0, stoppingToken));
        await Task.WhenAll(workers.Append(RunAsync(urgent: true, throttle, prunes: false, stoppingToken)));
    }

    private async Task RunAsync(bool urgent, RateLimiter? throttle, bool prunes, CancellationToken stoppingToken)
    {
        var o = options.Value;
        IMailSession? session = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int claimed;
                try
                {
                    session ??= transport.Open();
                    claimed = await ProcessBatchAsync(session, throttle, urgent, stoppingToken);
                    if (prunes && clock.GetUtcNow() - _prunedAt >= PruneEvery)
                    {
                        await PruneAsync(stoppingToken);
                        _prunedAt = clock.GetUtcNow();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be briefly unreachable; the next poll tries again.
                    logger.LogError(e, "Échec du traitement de la file des courriels.");
                    claimed = 0;
                }
                if (claimed < o.BatchSize)
                {
                    // Idle: the connection goes back to the server rather than time out there.
                    if (session is not null) await session.DisposeAsync();
                    session = null;
                    try { await (urgent ? signal.WaitUrgentAsync(o.PollInterval, stoppingToken) : signal.WaitAsync(o.PollInterval, stoppingToken)); }
                    catch (OperationCanceledException) { return; }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
    }

    /// <summary>Claims and sends one batch of one kind: account mail (unpaced), or the rest, normal before bulk.</summary>
    /// <returns>How many rows the batch claimed.</returns>
    internal async Task<int> ProcessBatchAsync(IMailSession session, RateLimiter? throttle, bool urgent, CancellationToken ct)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

        await RecoverInterruptedAsync(db, ct);
        var token = Guid.NewGuid();
        var until = clock.GetUtcNow() + o.Lease;
        if (await ClaimAsync(db, token, until, urgent, ct) == 0) return 0;
        var batch = await db.Set<OutboxMail>().AsNoTracking().Where(m => m.LockToken == token)
            .OrderBy(m => m.Lane).ThenBy(m => m.Id).ToListAsync(ct);
        var withheld = await WithheldAddressesAsync(db, batch, ct);

        var bulks = new Dictionary<long, MailBulk>();
        for (var i = 0; i < batch.Count; i++)
        {
            var mail = batch[i];
            if (withheld.Contains(MailAddressFailure.Key(mail.To)))
            {
                await WriteAsync(db, mail.Id, token, s => s.SetProperty(m => m.State, MailState.Withheld)
                    .SetProperty(m => m.LastError, "Non envoyé : l'adresse a été refusée trop souvent et n'a pas été confirmée depuis."), ct);
                continue;
            }
            using var paced = throttle is null || urgent ? null : await throttle.AcquireAsync(1, ct);
            // What the lease no longer covers goes back to the queue unsent, rather than be sent under a lease another
            // instance may take over (it would then count it uncertain and send it again).
            if (clock.GetUtcNow() >= until - o.Lease / 5 || ct.IsCancellationRequested)
            {
                await ReleaseAsync(db, batch.Skip(i).Select(m => m.Id).ToList(), token);
                break;
            }
            try
            {
                MailBulk? bulk = null;
                if (mail.BulkId is { } bulkId && !bulks.TryGetValue(bulkId, out bulk))
                    bulks[bulkId] = bulk = await db.Set<MailBulk>().AsNoTracking().SingleAsync(b => b.Id == bulkId, ct);
                await session.SendAsync(ToMime(mail, bulk, o), ct);
            }
            catch (OperationCanceledException)
            {
                // Stopped in the middle of the exchange: the server may have the message. Said now rather than when the
                // lease runs out; what follows is the uncertain policy's.
                await WriteAsync(db, mail.Id, token, s => s.SetProperty(m => m.State, MailState.Uncertain)
                    .SetProperty(m => m.Interruptions, m => m.Interruptions + 1)
                    .SetProperty(m => m.LastError, "L'envoi a été interrompu par l'arrêt du site : le serveur l'a peut-être reçu."), CancellationToken.None);
                await ReleaseAsync(db, batch.Skip(i + 1).Select(m => m.Id).ToList(), token);
                throw;
            }
            catch (Exception e)
            {
                await RecordFailureAsync(db, mail, token, e, ct);
                continue;
            }
            await MarkSentAsync(db, mail.Id, token, ct);
        }
        return batch.Count;
    }

    /// <summary>
    /// Rows an instance was sending when it stopped (its lease ran out with the row still « sending ») are uncertain:
    /// the server may have accepted them. Conditional on the state, so two instances count one interruption.
    /// </summary>
    internal async Task<int> RecoverInterruptedAsync(PortalDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var count = await db.Set<OutboxMail>().Where(m => m.State == MailState.Sending && m.LockedUntil < now).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, MailState.Uncertain)
            .SetProperty(m => m.Interruptions, m => m.Interruptions + 1)
            .SetProperty(m => m.LockToken, (Guid?)null)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
            .SetProperty(m => m.NextAttemptAt, now)
            .SetProperty(m => m.LastError, "L'envoi a été interrompu (l'instance qui l'envoyait s'est arrêtée) : le serveur l'a peut-être reçu."), ct);
        if (count > 0)
            logger.LogWarning("{Count} courriel(s) dont l'envoi a été interrompu : {Policy}.", count,
                options.Value.Uncertain == UncertainMailPolicy.Resend ? "renvoyés sous le même Message-ID" : "mis de côté pour une personne");
        return count;
    }

    private Task<int> ClaimAsync(PortalDbContext db, Guid token, DateTimeOffset until, bool urgent, CancellationToken ct)
    {
        MailState[] due = options.Value.Uncertain == UncertainMailPolicy.Resend
            ? [MailState.Queued, MailState.Retrying, MailState.Uncertain]
            : [MailState.Queued, MailState.Retrying];
        return db.ClaimMailBatchAsync(new MailClaim(due, urgent, token, until, Owner, clock.GetUtcNow(), options.Value.BatchSize), ct);
    }

    private async Task<HashSet<string>> WithheldAddressesAsync(PortalDbContext db, List<OutboxMail> batch, CancellationToken ct)
    {
        var bulk = batch.Where(m => m.Lane == MailLane.Bulk).Select(m => MailAddressFailure.Key(m.To)).Distinct().ToList();
        if (bulk.Count == 0) return [];
        var limit = options.Value.BulkStopsAfterFailures;
        return (await db.Set<MailAddressFailure>().Where(f => bulk.Contains(f.Address) && f.FailuresForGood >= limit)
            .Select(f => f.Address).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>
    /// Records a message sent, only while this attempt holds its lease: an attempt that outlived it (a slow server)
    /// leaves the row to the attempt that took it over, which sends it again under the same Message-ID — at least
    /// once, never silently lost; a receiving server that keeps Message-IDs shows it once.
    /// </summary>
    /// <returns>Whether this attempt still held the lease.</returns>
    internal async Task<bool> MarkSentAsync(PortalDbContext db, long id, Guid token, CancellationToken ct)
    {
        var held = await WriteAsync(db, id, token, s => s
            .SetProperty(m => m.State, MailState.Sent)
            .SetProperty(m => m.SentAt, clock.GetUtcNow())
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null), ct);
        if (!held) logger.LogWarning("Courriel {Id} envoyé par une tentative dont le bail avait été repris : il peut partir deux fois, sous le même Message-ID.", id);
        return held;
    }

    /// <summary>
    /// A 5xx is the server's last word: failed for good, and counted against the address when the recipient was what
    /// it refused. An address the mail library cannot read never will be readable either. Anything else (a 4xx, a
    /// dropped connection, a server away) is retried with a growing delay until the attempts run out.
    /// </summary>
    private async Task RecordFailureAsync(PortalDbContext db, OutboxMail mail, Guid token, Exception e, CancellationToken ct)
    {
        var o = options.Value;
        var attempts = mail.Attempts + 1;
        var (state, againstAddress) = e switch
        {
            SmtpCommandException c when (int)c.StatusCode >= 500 => (MailState.Failed, c.ErrorCode == SmtpErrorCode.RecipientNotAccepted),
            ParseException => (MailState.Failed, false),
            _ when attempts >= o.MaxAttempts => (MailState.Failed, false),
            _ => (MailState.Retrying, false),
        };
        var error = Text.TextLimits.Clamp(e is SmtpCommandException command ? $"{(int)command.StatusCode} {command.Message}" : e.Message, 2000);
        logger.LogWarning(e, "Envoi du courriel {Id} à {To} échoué (tentative {Attempt}) : {State}.", mail.Id, mail.To, attempts, state.Label());
        var retryAt = Background.RetrySchedule.Next(clock.GetUtcNow(), o.FirstRetryDelay, attempts);
        // The row's outcome and the count against its address commit together: a reader who sees « failed » sees
        // the count, and a stop between them cannot lose one.
        await db.InTransactionAsync(async tx =>
        {
            if (!await WriteAsync(db, mail.Id, token, s => s
                    .SetProperty(m => m.State, state)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.NextAttemptAt, retryAt)
                    .SetProperty(m => m.LastError, error), ct)) return;
            if (againstAddress)
            {
                var now = clock.GetUtcNow();
                var key = MailAddressFailure.Key(mail.To);
                await db.InsertIfMissingAsync(new MailAddressFailure { Address = key, LastFailedAt = now }, ct);
                await db.Set<MailAddressFailure>().Where(f => f.Address == key).ExecuteUpdateAsync(s => s
                    .SetProperty(f => f.FailuresForGood, f => f.FailuresForGood + 1)
                    .SetProperty(f => f.LastFailedAt, now)
                    .SetProperty(f => f.LastError, error), ct);
            }
            await tx.CommitAsync(ct);
        }, ct);
    }

    /// <summary>One write of a claimed row, applied only while this attempt still holds it; the lease ends with it.</summary>
    private static async Task<bool> WriteAsync(PortalDbContext db, long id, Guid token,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<OutboxMail>> set, CancellationToken ct) =>
        await db.Set<OutboxMail>().Where(m => m.Id == id && m.LockToken == token).ExecuteUpdateAsync(s =>
        {
            set(s);
            s.SetProperty(m => m.LockToken, (Guid?)null).SetProperty(m => m.LockedUntil, (DateTimeOffset?)null);
        }, ct) == 1;

    /// <summary>Rows claimed but not attempted go back to the queue as they were due (nothing was sent).</summary>
    private static Task ReleaseAsync(PortalDbContext db, List<long> ids, Guid token) =>
        ids.Count == 0 ? Task.CompletedTask : db.Set<OutboxMail>().Where(m => ids.Contains(m.Id) && m.LockToken == token).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, m => m.Attempts == 0 ? MailState.Queued : MailState.Retrying)
            .SetProperty(m => m.LockToken, (Guid?)null)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);

    internal async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = clock.GetUtcNow() - options.Value.KeepSentFor;
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var deleted = await db.Set<OutboxMail>()
            .Where(m => (m.State == MailState.Sent && m.SentAt < before) || ((m.State == MailState.Failed || m.State == MailState.Withheld) && m.CreatedAt < before))
            .ExecuteDeleteAsync(ct);
        // A bulk body goes with its last delivery.
        await db.Set<MailBulk>().Where(b => b.CreatedAt < before && !db.Set<OutboxMail>().Any(m => m.BulkId == b.Id)).ExecuteDeleteAsync(ct);
        // An address refused long ago may have been opened again since: a year without refusals wipes its record.
        var yearAgo = clock.GetUtcNow().AddYears(-1);
        await db.Set<MailAddressFailure>().Where(f => f.LastFailedAt < yearAgo).ExecuteDeleteAsync(ct);
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
