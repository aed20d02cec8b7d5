using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>A message to queue: the body comes from <see cref="MailBody"/>.</summary>
public sealed record MailDraft(string To, string? ToName, string Subject, RenderedMail Body, IReadOnlyDictionary<string, string>? Headers = null,
    MailLane Lane = MailLane.Normal, MailAttachment? Attachment = null);

/// <summary>A file sent with a message (an event's <c>.ics</c>): small, stored with the message in the outbox.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content)
{
    public const int MaxBytes = 256 * 1024;
}

/// <summary>
/// One recipient of a bulk mailing: <paramref name="Fields"/> fill the body's <c>{{name}}</c> placeholders
/// (HTML-encoded in the HTML part), <paramref name="Headers"/> are this recipient's own (List-Unsubscribe).
/// </summary>
public sealed record BulkRecipient(string To, string? ToName, IReadOnlyDictionary<string, string>? Fields = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Queues mail in the outbox table. The row joins the caller's unit of work: it is sent only if the caller's
/// <c>SaveChanges</c> commits, and never from inside the request.
/// </summary>
public interface IMailOutbox
{
    void Enqueue(MailDraft draft);

    /// <summary>Stores a body to send to many; its deliveries are added with <see cref="EnqueueBulk"/>, in this or later units of work.</summary>
    MailBulk StartBulk(string subject, RenderedMail body);

    /// <summary>Adds deliveries of a bulk body (tracked, or saved earlier and known by its id).</summary>
    /// <returns>The rows added, in the recipients' order (each with the Message-ID every attempt will carry).</returns>
    IReadOnlyList<OutboxMail> EnqueueBulk(MailBulk bulk, IEnumerable<BulkRecipient> recipients);
}

internal sealed class MailOutbox(PortalDbContext db, TimeProvider clock, IOptions<MailOptions> options, MailOutboxSignal signal, AfterCommit afterCommit) : IMailOutbox
{
    public void Enqueue(MailDraft draft)
    {
        var mail = Row(draft.To, draft.ToName, draft.Subject, draft.Headers, draft.Lane);
        mail.HtmlBody = draft.Body.Html;
        mail.TextBody = draft.Body.Text;
        if (draft.Attachment is { } file)
        {
            if (file.Content.Length > MailAttachment.MaxBytes) throw new ArgumentException($"An attachment of {file.Content.Length} bytes is over the outbox's limit.");
            (mail.AttachmentName, mail.AttachmentType, mail.Attachment) = (file.FileName, file.ContentType, file.Content);
        }
        db.Add(mail);
        WakeOnceSaved(urgent: draft.Lane == MailLane.Urgent);
    }

    public MailBulk StartBulk(string subject, RenderedMail body)
    {
        var bulk = new MailBulk { Subject = Text.TextLimits.Clamp(subject, OutboxMail.SubjectLength), HtmlBody = body.Html, TextBody = body.Text, CreatedAt = clock.GetUtcNow() };
        db.Add(bulk);
        return bulk;
    }

    public IReadOnlyList<OutboxMail> EnqueueBulk(MailBulk bulk, IEnumerable<BulkRecipient> recipients)
    {
        var rows = new List<OutboxMail>();
        foreach (var r in recipients)
        {
            var mail = Row(r.To, r.ToName, bulk.Subject, r.Headers, MailLane.Bulk);
            if (bulk.Id == 0) mail.Bulk = bulk;
            else mail.BulkId = bulk.Id;
            mail.Fields = r.Fields is { Count: > 0 } f ? System.Text.Json.JsonSerializer.Serialize(f) : null;
            db.Add(mail);
            rows.Add(mail);
        }
        WakeOnceSaved(urgent: false);
        return rows;
    }

    // The sender is woken once the rows are committed (woken before, it would look, find nothing and wait a poll).
    private void WakeOnceSaved(bool urgent) =>
        afterCommit.Run(db, () =>
        {
            if (urgent) signal.UrgentWaiting();
            signal.Wake();
        });

    private OutboxMail Row(string to, string? toName, string subject, IReadOnlyDictionary<string, string>? headers, MailLane lane)
    {
        var now = clock.GetUtcNow();
        return new OutboxMail
        {
            To = to,
            // A name is shown, not used to deliver: shortened to its column rather than failing the change that
            // caused the message (two 100-character names make a 201-character display name).
            ToName = toName is null ? null : Text.TextLimits.Clamp(toName, OutboxMail.ToNameLength),
            Subject = Text.TextLimits.Clamp(subject, OutboxMail.SubjectLength),
            Lane = lane,
            MessageId = $"{Guid.NewGuid():N}@{options.Value.FromAddress.Split('@').Last()}",
            Headers = headers is { Count: > 0 } h ? string.Join('\n', h.Select(kv => $"{kv.Key}: {kv.Value}")) : null,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}

/// <summary>Lets a new message wake the processor before its next poll; urgent mail wakes its own loop.</summary>
public sealed class MailOutboxSignal : Infrastructure.Background.WakeSignal
{
    private readonly SemaphoreSlim _urgent = new(0, 1);

    public void UrgentWaiting()
    {
        if (_urgent.CurrentCount == 0) try { _urgent.Release(); } catch (SemaphoreFullException) { }
    }

    public Task WaitUrgentAsync(TimeSpan timeout, CancellationToken ct) => _urgent.WaitAsync(timeout, ct);
}
