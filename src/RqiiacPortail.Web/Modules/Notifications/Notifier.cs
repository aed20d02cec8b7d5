using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

internal sealed class Notifier(
    PortalDbContext db,
    IMailOutbox mail,
    IMemberDirectory members,
    NotificationLinks links,
    NodeIdentity node,
    NotificationSignal signal,
    INotificationKinds kinds,
    AfterCommit afterCommit,
    TimeProvider clock) : INotifier
{
    public async Task NotifyAsync(Notice notice, CancellationToken ct = default)
    {
        var kind = kinds.Find(notice.Kind) ?? throw new ArgumentException($"Unknown notification kind '{notice.Kind}': declare it with AddNotificationKind.", nameof(notice));
        if (!notice.Link.StartsWith('/')) throw new ArgumentException("A notice links to a path of this site.", nameof(notice));
        var recipients = notice.RecipientIds.Where(r => !string.IsNullOrEmpty(r)).Distinct().ToList();
        if (recipients.Count == 0) return;

        var chosen = await db.Set<NotificationPreference>()
            .Where(p => recipients.Contains(p.UserId) && p.Kind == kind.Key)
            .ToDictionaryAsync(p => p.UserId, p => p.Delivery, ct);
        Delivery DeliveryFor(string userId) => notice.SiteOnly?.Contains(userId) == true ? Delivery.Site
            : chosen.TryGetValue(userId, out var d) ? d : kind.DefaultDelivery;

        var byMail = recipients.Where(r => DeliveryFor(r) == Delivery.Email).ToList();
        var contacts = byMail.Count == 0 ? [] : (await members.ContactsAsync(byMail, ct)).ToDictionary(c => c.Id);
        var now = clock.GetUtcNow();
        var title = Truncate(notice.Title, 300);
        foreach (var userId in recipients)
        {
            var emailed = contacts.TryGetValue(userId, out var contact);
            db.Add(new Notification
            {
                UserId = userId, Kind = kind.Key, Title = title, Link = Truncate(notice.Link, 500), Body = notice.Body is null ? null : Truncate(notice.Body, 2000),
                CreatedAt = now, RaisedBy = node.Id, Delivery = DeliveryFor(userId), EmailedAt = emailed ? now : null,
            });
            if (emailed) mail.Enqueue(NotificationMail.Single(contact!, kind, title, notice.Body, links.Absolute(notice.Link), links));
        }

        // Push as soon as the caller's changes are committed (the dispatcher would find them at its next poll anyway).
        afterCommit.Run(db, signal.Wake);
    }

    private static string Truncate(string text, int max) => Infrastructure.Text.TextLimits.Clamp(text, max);
}

internal static class NotificationMail
{
    public static MailDraft Single(MemberContact to, NotificationKind kind, string title, string? body, string link, NotificationLinks links)
    {
        var mail = new MailBody(title).Paragraph($"Bonjour {to.FirstName},");
        if (body is not null) mail.Quote(body);
        mail.Action("Voir sur le portail", link);
        return Draft(to, title, kind, mail, links);
    }

    public static MailDraft Digest(MemberContact to, IReadOnlyList<Notification> items, NotificationLinks links)
    {
        var title = items.Count == 1 ? "Votre résumé du jour : 1 nouvelle notification" : $"Votre résumé du jour : {items.Count} nouvelles notifications";
        var mail = new MailBody(title).Paragraph($"Bonjour {to.FirstName}, voici ce qui s'est passé pour vous sur le portail du RQIIAC.");
        foreach (var item in items) mail.Action(item.Title, links.Absolute($"/notifications/{item.Id}"));
        return Draft(to, title, null, mail, links);
    }

    private static MailDraft Draft(MemberContact to, string subject, NotificationKind? kind, MailBody mail, NotificationLinks links)
    {
        mail.Paragraph(kind is null
            ? "Vous recevez ce résumé parce que vous l'avez choisi dans vos préférences."
            : $"Vous recevez ce courriel pour : « {kind.Label} ».");
        var unsubscribe = links.Unsubscribe(to.Id, kind?.Key ?? NotificationLinks.DigestKind);
        mail.Action("Changer mes préférences de notification", links.Absolute("/notifications/preferences"));
        mail.Action(kind is null ? "Ne plus recevoir ce résumé" : "Ne plus recevoir ces courriels", unsubscribe);
        // RFC 8058: mail programs offer a one-click "unsubscribe" that POSTs to this address; for a digest it
        // stops the digest.
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{unsubscribe}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };
        // A digest waits behind account mail and single notifications.
        return new MailDraft(to.Email, to.DisplayName, subject, mail.Render(), headers, kind is null ? MailLane.Bulk : MailLane.Normal);
    }
}
