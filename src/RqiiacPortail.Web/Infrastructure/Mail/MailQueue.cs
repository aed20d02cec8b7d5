using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>
/// The outbox as the administration reads it (« Courriels »): how many messages stand in each state, the ones that
/// need a look, and the two decisions a person takes on them. Each decision is conditional on the state the person
/// saw, so it never undoes an attempt that moved the row meanwhile.
/// </summary>
public sealed class MailQueue(PortalDbContext db, TimeProvider clock, MailOutboxSignal signal)
{
    public const int PageSize = 50;

    public sealed record Row(long Id, string To, string Subject, MailLane Lane, MailState State, int Attempts, int Interruptions,
        DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError, string? Owner);

    public async Task<IReadOnlyDictionary<MailState, int>> CountsAsync(CancellationToken ct) =>
        await db.Set<OutboxMail>().GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>Messages of one state (or every state but « sent »), newest first.</summary>
    public async Task<(IReadOnlyList<Row> Rows, int Total)> ListAsync(MailState? state, int page, CancellationToken ct)
    {
        var query = db.Set<OutboxMail>().AsNoTracking().Where(m => state == null ? m.State != MailState.Sent : m.State == state);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new Row(m.Id, m.To, m.Subject, m.Lane, m.State, m.Attempts, m.Interruptions, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError, m.Owner))
            .ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>
    /// Sends again a message failed for good, withheld, or uncertain (under its Message-ID: a receiver that already
    /// has it shows it once).
    /// </summary>
    /// <returns>False when the message is no longer in one of those states.</returns>
    public async Task<bool> ResendAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = await db.Set<OutboxMail>()
            .Where(m => m.Id == id && (m.State == MailState.Failed || m.State == MailState.Withheld || m.State == MailState.Uncertain))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MailState.Queued).SetProperty(m => m.NextAttemptAt, now), ct) == 1;
        if (changed) signal.Wake();
        return changed;
    }

    /// <summary>
    /// <see cref="ResendAsync"/> for many messages known by their Message-IDs (a bulletin's « renvoyer à qui ne l'a pas
    /// reçu »): each is sent again only if it still stands failed, withheld or uncertain.
    /// </summary>
    /// <returns>How many were put back in the queue.</returns>
    public async Task<int> ResendManyAsync(IReadOnlyCollection<string> messageIds, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var chunk in messageIds.Chunk(500))
            changed += await db.Set<OutboxMail>()
                .Where(m => chunk.Contains(m.MessageId) && (m.State == MailState.Failed || m.State == MailState.Withheld || m.State == MailState.Uncertain))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MailState.Queued).SetProperty(m => m.NextAttemptAt, now), ct);
        if (changed > 0) signal.Wake();
        return changed;
    }

    /// <summary>An uncertain message the person knows arrived (the recipient said so): counted sent, not sent again.</summary>
    /// <returns>False when the message is no longer uncertain.</returns>
    public async Task<bool> CountAsSentAsync(long id, CancellationToken ct) =>
        await db.Set<OutboxMail>().Where(m => m.Id == id && m.State == MailState.Uncertain)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, MailState.Sent).SetProperty(m => m.SentAt, clock.GetUtcNow()), ct) == 1;
}

public static class MailPermissions
{
    /// <summary>Read the outbox and decide on what failed: administrators only (who hold every permission).</summary>
    public static readonly Security.Permission Manage = new("mail.manage", "Consulter la file des courriels et décider des envois en échec", [], []);
}
