using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Bulletin.Sending;

/// <summary>
/// Publishing an issue, now or at a set time, and its send. Publishing is one conditional write (draft →
/// published): of two board members pressing at once, or of an instance's scheduler and a person, exactly one
/// publishes, and only that one starts the send. The send itself is a domain event: its deliveries are written in
/// batches after commit, never in the request (<see cref="BulletinDeliveries"/>).
/// </summary>
public sealed class BulletinPublisher(PortalDbContext db, BulletinMail mail, IMailOutbox outbox, IEventOutbox events, MailQueue queue,
    AuditLog audit, GenerationInterceptor generations, Search.Contracts.IIndexQueue index, TimeProvider clock)
{
    private static readonly ClaimsPrincipal Scheduler = new(new ClaimsIdentity([new Claim("display_name", "Publication programmée")]));

    public async Task<Decision> PublishAsync(ClaimsPrincipal actor, int issueId, bool send, CancellationToken ct)
    {
        var issue = await db.Set<BulletinIssue>().AsNoTracking().Include(i => i.Articles).Include(i => i.Network).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Id == issueId, ct);
        if (issue is null) return Decision.NotYours;
        if (issue.State == IssueState.Published) return Decision.Refuse("", $"Le numéro {issue.Number} est déjà publié.");
        if (issue.PdfKey is null && issue.Articles.Count == 0 && string.IsNullOrWhiteSpace(issue.Cover))
            return Decision.Refuse("", "Ce numéro est vide : écrivez un mot d'ouverture ou un article avant de le publier.");
        send &= issue.PdfKey is null; // a past issue brought in as a PDF goes to the archive, not to mailboxes
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync(async tx =>
        {
            if (await db.Set<BulletinIssue>().Where(i => i.Id == issueId && i.State == IssueState.Draft).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.State, IssueState.Published)
                    .SetProperty(i => i.PublishedAt, now)
                    .SetProperty(i => i.UpdatedAt, now)
                    .SetProperty(i => i.ScheduledFor, (DateTimeOffset?)null)
                    .SetProperty(i => i.SendByEmail, send), ct) == 0)
                return Decision.Refuse("", $"Le numéro {issue.Number} vient d'être publié par quelqu'un d'autre.");
            if (send)
            {
                var bulk = outbox.StartBulk(BulletinMail.Subject(issue), mail.Render(issue));
                await db.SaveChangesAsync(ct);
                await db.Set<BulletinIssue>().Where(i => i.Id == issueId).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.SendStartedAt, now).SetProperty(i => i.BulkId, bulk.Id), ct);
                events.Raise(new BulletinSendStarted(issueId, bulk.Id), owner: "bulletin");
            }
            audit.Write(actor, new AuditRecord(Writing.BulletinEditor.AuditArea, "publier",
                $"Numéro {issue.Number} « {issue.Title} » publié{(send ? " et envoyé aux abonnés" : " (sans envoi)")}", Link: $"/bulletin/{issue.Number}"));
            generations.Touch(db, BulletinModule.Area);
            index.Enqueue(BulletinSearchSource.SearchType, issueId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Decision.Done;
        }, ct);
    }

    /// <summary>The draft publishes itself at <paramref name="at"/> (and is sent when <paramref name="send"/>).</summary>
    public async Task<Decision> ScheduleAsync(ClaimsPrincipal actor, int issueId, DateTimeOffset? at, bool send, CancellationToken ct)
    {
        if (at is { } when && when <= clock.GetUtcNow()) return Decision.Refuse("ScheduledFor", "Choisissez un moment à venir, ou publiez maintenant.");
        var issue = await db.Set<BulletinIssue>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == issueId, ct);
        if (issue is null) return Decision.NotYours;
        if (await db.Set<BulletinIssue>().Where(i => i.Id == issueId && i.State == IssueState.Draft).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.ScheduledFor, at).SetProperty(i => i.SendByEmail, send), ct) == 0)
            return Decision.Refuse("", $"Le numéro {issue.Number} est déjà publié.");
        audit.Write(actor, new AuditRecord(Writing.BulletinEditor.AuditArea, at is null ? "deprogrammer" : "programmer",
            at is { } t ? $"Numéro {issue.Number} programmé pour le {FrenchText.DateTime(t)}" : $"Publication du numéro {issue.Number} déprogrammée",
            Link: $"/bulletin/{issue.Number}"));
        await db.SaveChangesAsync(ct);
        return Decision.Done;
    }

    /// <summary>What the scheduler publishes when its time has come (once, whichever instance runs it).</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Set<BulletinIssue>().AsNoTracking().Where(i => i.State == IssueState.Draft && i.ScheduledFor != null && i.ScheduledFor <= now)
            .Select(i => new { i.Id, i.SendByEmail }).ToListAsync(ct);
        var published = 0;
        foreach (var issue in due)
            if ((await PublishAsync(Scheduler, issue.Id, issue.SendByEmail, ct)).Succeeded) published++;
        return published;
    }

    /// <summary>The issue as the subscribers will get it, to the board member alone, marked as a test.</summary>
    public async Task SendTestAsync(ClaimsPrincipal actor, BulletinIssue issue, CancellationToken ct)
    {
        var to = actor.FindFirstValue(ClaimTypes.Email) ?? throw new InvalidOperationException("A board member without an address.");
        var body = mail.Render(issue, unsubscribe: "#essai");
        outbox.Enqueue(new MailDraft(to, actor.FindFirstValue("display_name"), "[Essai] " + BulletinMail.Subject(issue), body));
        audit.Write(actor, new AuditRecord(Writing.BulletinEditor.AuditArea, "essai", $"Essai du numéro {issue.Number} envoyé à son auteur", Link: $"/bulletin/{issue.Number}"));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// « Renvoyer à qui ne l'a pas reçu »: every delivery failed for good, withheld or uncertain, to an address still
    /// subscribed, is put back in the queue (under its Message-ID).
    /// </summary>
    public async Task<int> ResendUndeliveredAsync(ClaimsPrincipal actor, BulletinIssue issue, CancellationToken ct)
    {
        var ids = await (from d in db.Set<BulletinDelivery>()
                         join m in db.Set<OutboxMail>() on d.MessageId equals m.MessageId
                         where d.IssueId == issue.Id && (m.State == MailState.Failed || m.State == MailState.Withheld || m.State == MailState.Uncertain)
                               && db.Set<Subscriptions.BulletinSubscriber>().Any(s => s.Email == d.Email && s.State == Subscriptions.SubscriberState.Confirmed)
                         select d.MessageId).ToListAsync(ct);
        var count = await queue.ResendManyAsync(ids, ct);
        audit.Write(actor, new AuditRecord(Writing.BulletinEditor.AuditArea, "renvoyer", $"Numéro {issue.Number} : {FrenchText.Count(count, "envoi non reçu remis", "envois non reçus remis")} en file",
            Link: $"/bulletin/{issue.Number}/envois"));
        await db.SaveChangesAsync(ct);
        return count;
    }
}
