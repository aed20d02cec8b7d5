using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Web.Modules.Bulletin.Sending;

/// <summary>
/// Writes an issue's send: for each confirmed subscriber, a ledger row and its outbox message with the subscriber's
/// own unsubscribe link and headers (RFC 8058), a batch per transaction together with how far it got. Stopped
/// half-way (a crash, a deploy), the event's next attempt resumes after the last subscriber committed; the unique
/// (issue, address) index makes a second row for an address impossible whatever runs twice. The outbox then sends
/// the messages in its bulk lane, paced, behind account mail and notifications.
/// </summary>
internal sealed class BulletinDeliveries(PortalDbContext db, IMailOutbox outbox, PublicUrls urls, IOptions<MailOptions> mailOptions, TimeProvider clock)
    : IEventHandler<BulletinSendStarted>
{
    public async Task HandleAsync(BulletinSendStarted started, EventBatches batches, CancellationToken ct)
    {
        var bulk = await db.Set<MailBulk>().FirstOrDefaultAsync(b => b.Id == started.BulkId, ct);
        if (bulk is null) return;
        var listId = $"Inter Action Communautaire <bulletin.{mailOptions.Value.FromAddress.Split('@').Last()}>";
        var after = int.TryParse(batches.Resume, CultureInfo.InvariantCulture, out var resume) ? resume : 0;
        while (true)
        {
            var now = clock.GetUtcNow();
            var page = await BulletinSubscriptions.Receiving(db, now).AsNoTracking()
                .Where(s => s.Id > after).OrderBy(s => s.Id).Take(batches.Size)
                .Select(s => new { s.Id, s.Email, s.UnsubscribeCode, Sent = db.Set<BulletinDelivery>().Any(d => d.IssueId == started.IssueId && d.Email == s.Email) })
                .ToListAsync(ct);
            if (page.Count == 0) return;
            var due = page.Where(s => !s.Sent).ToList();
            var rows = outbox.EnqueueBulk(bulk, due.Select(s =>
            {
                var unsubscribe = urls.Absolute($"/bulletin/desabonnement/{s.UnsubscribeCode}");
                return new BulkRecipient(s.Email, null,
                    Fields: new Dictionary<string, string> { [BulletinMail.UnsubscribeField] = unsubscribe },
                    Headers: new Dictionary<string, string>
                    {
                        ["List-Unsubscribe"] = $"<{unsubscribe}>",
                        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                        ["List-Id"] = listId,
                        ["Precedence"] = "bulk",
                        ["Auto-Submitted"] = "auto-generated",
                    });
            }));
            foreach (var (subscriber, mail) in due.Zip(rows))
                db.Add(new BulletinDelivery { IssueId = started.IssueId, Email = subscriber.Email, MessageId = mail.MessageId, CreatedAt = now });
            await batches.SaveAsync((after = page[^1].Id).ToString(CultureInfo.InvariantCulture), ct);
        }
    }
}
