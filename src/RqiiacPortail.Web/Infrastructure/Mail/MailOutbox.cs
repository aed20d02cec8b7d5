using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>A message to queue: the body comes from <see cref="MailBody"/>.</summary>
public sealed record MailDraft(string To, string? ToName, string Subject, RenderedMail Body, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// Queues mail in the outbox table. The row joins the caller's unit of work: it is sent only if the caller's
/// <c>SaveChanges</c> commits, and never from inside the request.
/// </summary>
public interface IMailOutbox
{
    void Enqueue(MailDraft draft);
}

internal sealed class MailOutbox(PortalDbContext db, TimeProvider clock, IOptions<MailOptions> options, MailOutboxSignal signal) : IMailOutbox
{
    public void Enqueue(MailDraft draft)
    {
        var now = clock.GetUtcNow();
        var domain = options.Value.FromAddress.Split('@').Last();
        db.Add(new OutboxMail
        {
            To = draft.To,
            // A name is shown, not used to deliver: shortened to its column rather than failing the change that
            // caused the message (two 100-character names make a 201-character display name).
            ToName = draft.ToName is null ? null : Text.TextLimits.Clamp(draft.ToName, OutboxMail.ToNameLength),
            Subject = Text.TextLimits.Clamp(draft.Subject, OutboxMail.SubjectLength),
            HtmlBody = draft.Body.Html,
            TextBody = draft.Body.Text,
            MessageId = $"{Guid.NewGuid():N}@{domain}",
            Headers = draft.Headers is { Count: > 0 } h ? string.Join('\n', h.Select(kv => $"{kv.Key}: {kv.Value}")) : null,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        signal.Wake();
    }
}

/// <summary>Lets a new message wake the processor before its next poll.</summary>
internal sealed class MailOutboxSignal : Infrastructure.Background.WakeSignal;
