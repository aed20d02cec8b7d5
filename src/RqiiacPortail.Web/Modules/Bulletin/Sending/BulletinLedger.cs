using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Web.Modules.Bulletin.Sending;

/// <summary>
/// Who received an issue, in plain words: for each address its message's state (read in the outbox while it holds
/// the message, from the ledger's own copy after), how many attempts, the server's last word, and whether the address
/// unsubscribed since. What the board reads on « Envois » and exports as CSV.
/// </summary>
public sealed class BulletinLedger(PortalDbContext db)
{
    public const int PageSize = 50;

    /// <summary>One address's line (settable members, so the database filters and sorts on them).</summary>
    public sealed class Row
    {
        public required string Email { get; init; }
        public MailState State { get; init; }
        public int Attempts { get; init; }
        public int Interruptions { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public string? LastError { get; init; }
        public bool UnsubscribedSince { get; init; }
        public required string MessageId { get; init; }

        /// <summary>The state as the board reads it: a message sent after an interruption is said to be uncertain.</summary>
        public string Label => State == MailState.Sent && Interruptions > 0 ? "Envoyé (incertain)" : State.Label();

        public string? Remark => State == MailState.Sent && Interruptions > 0
            ? "Envoi interrompu puis repris : reçu peut-être deux fois, sous le même Message-ID."
            : LastError;
    }

    /// <param name="Uncertain">Uncertain now, or sent after an interruption (the server may have had it twice, under one Message-ID).</param>
    public sealed record Summary(int Total, IReadOnlyDictionary<MailState, int> ByState, int Retried, int UnsubscribedSince, int Uncertain)
    {
        public int Count(params MailState[] states) => states.Sum(s => ByState.TryGetValue(s, out var n) ? n : 0);

        /// <summary>Nothing left to try: every message sent, failed for good, withheld or uncertain.</summary>
        public bool Settled => Total > 0 && Count(MailState.Queued, MailState.Sending, MailState.Retrying) == 0;
    }

    private IQueryable<Row> Rows(int issueId) =>
        from d in db.Set<BulletinDelivery>().AsNoTracking()
        where d.IssueId == issueId
        join m in db.Set<OutboxMail>() on d.MessageId equals m.MessageId into mails
        from m in mails.DefaultIfEmpty()
        select new Row
        {
            Email = d.Email,
            State = m != null ? m.State : d.State ?? MailState.Sent,
            Attempts = m != null ? m.Attempts : d.Attempts,
            Interruptions = m != null ? m.Interruptions : d.Interruptions,
            SentAt = m != null ? m.SentAt : d.SentAt,
            LastError = m != null ? m.LastError : d.LastError,
            UnsubscribedSince = db.Set<BulletinSubscriber>().Any(s => s.Email == d.Email && s.UnsubscribedAt != null && s.UnsubscribedAt > d.CreatedAt),
            MessageId = d.MessageId,
        };

    public async Task<Summary> SummaryAsync(int issueId, CancellationToken ct)
    {
        var states = from d in db.Set<BulletinDelivery>().AsNoTracking()
                     where d.IssueId == issueId
                     join m in db.Set<OutboxMail>() on d.MessageId equals m.MessageId into mails
                     from m in mails.DefaultIfEmpty()
                     select new
                     {
                         State = m != null ? m.State : d.State ?? MailState.Sent,
                         Attempts = m != null ? m.Attempts : d.Attempts,
                         Interruptions = m != null ? m.Interruptions : d.Interruptions,
                     };
        var byState = await states.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var retried = await states.CountAsync(r => r.Attempts > 1 || r.State == MailState.Retrying, ct);
        var unsubscribed = await db.Set<BulletinDelivery>().CountAsync(d => d.IssueId == issueId
            && db.Set<BulletinSubscriber>().Any(s => s.Email == d.Email && s.UnsubscribedAt != null && s.UnsubscribedAt > d.CreatedAt), ct);
        var uncertain = await states.CountAsync(r => r.State == MailState.Uncertain || r.Interruptions > 0, ct);
        return new Summary(byState.Values.Sum(), byState, retried, unsubscribed, uncertain);
    }

    /// <summary>One page of the ledger: an address's part (<paramref name="search"/>) and one state, by address.</summary>
    public async Task<(IReadOnlyList<Row> Rows, int Total)> PageAsync(int issueId, string? search, MailState? state, int page, CancellationToken ct)
    {
        var rows = Filtered(issueId, search, state);
        var total = await rows.CountAsync(ct);
        return (await rows.OrderBy(r => r.Email).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct), total);
    }

    /// <summary>The whole ledger (or its filtered part) as CSV for a French spreadsheet.</summary>
    public async Task<byte[]> CsvAsync(int issueId, string? search, MailState? state, CancellationToken ct)
    {
        var rows = await Filtered(issueId, search, state).OrderBy(r => r.Email).ToListAsync(ct);
        using var stream = new MemoryStream();
        using (var csv = SpreadsheetCsv.Create(stream))
        {
            foreach (var h in new[] { "Adresse", "État", "Tentatives", "Interruptions", "Envoyé le", "Dernière réponse du serveur", "Désabonné depuis", "Message-ID" })
                csv.WriteField(h);
            csv.EndRecord();
            foreach (var r in rows)
            {
                csv.WriteField(SpreadsheetCsv.Cell(r.Email));
                csv.WriteField(r.Label);
                csv.WriteField(r.Attempts.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.Interruptions.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.SentAt is { } at ? FrenchText.Local(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "");
                csv.WriteField(SpreadsheetCsv.Cell(r.Remark));
                csv.WriteField(r.UnsubscribedSince ? "oui" : "non");
                csv.WriteField(SpreadsheetCsv.Cell(r.MessageId));
                csv.EndRecord();
            }
        }
        return stream.ToArray();
    }

    private IQueryable<Row> Filtered(int issueId, string? search, MailState? state)
    {
        var rows = Rows(issueId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var part = search.Trim().ToLowerInvariant();
            rows = rows.Where(r => r.Email.Contains(part));
        }
        if (state is { } s) rows = s == MailState.Queued ? rows.Where(r => r.State == MailState.Queued || r.State == MailState.Sending) : rows.Where(r => r.State == s);
        return rows;
    }

    /// <summary>
    /// Copies each message's outcome from the outbox into the ledger, for when the outbox forgets it (a month after):
    /// what changed since the last copy, in one statement per state.
    /// </summary>
    public async Task<int> KeepAsync(CancellationToken ct)
    {
        var mails = db.Set<OutboxMail>();
        return await db.Set<BulletinDelivery>()
            .Where(d => mails.Any(m => m.MessageId == d.MessageId && (d.State == null || m.State != d.State || m.Attempts != d.Attempts)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, d => mails.Where(m => m.MessageId == d.MessageId).Select(m => (MailState?)m.State).First())
                .SetProperty(d => d.Attempts, d => mails.Where(m => m.MessageId == d.MessageId).Select(m => m.Attempts).First())
                .SetProperty(d => d.Interruptions, d => mails.Where(m => m.MessageId == d.MessageId).Select(m => m.Interruptions).First())
                .SetProperty(d => d.SentAt, d => mails.Where(m => m.MessageId == d.MessageId).Select(m => m.SentAt).First())
                .SetProperty(d => d.LastError, d => mails.Where(m => m.MessageId == d.MessageId).Select(m => m.LastError).First()), ct);
    }
}
