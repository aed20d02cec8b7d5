using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>
/// An announcement to the members of a region, or of the whole network when <see cref="SectionId"/> is null.
/// <paramref name="AnnouncementId"/> names its row (null for events raised before announcements were kept).
/// </summary>
public sealed record AnnouncementMade(int? SectionId, string Title, string Link, int? AnnouncementId = null);

/// <summary>What the announcing person wrote.</summary>
public sealed record AnnouncementDraft(string Title, string? Text, string? Link, bool ForMembers, DateOnly? BannerUntil, bool ByEmail);

/// <summary>
/// Who may announce to whom, and the sending: administrators and the board to the whole network, a region's
/// coordination to its members; one event in this unit of work, whatever the audience's size.
/// </summary>
public sealed class Announcements(PortalDbContext db, IEventOutbox events, IMemberDirectory members, IAuthorizationService authorization, ISectionCatalog catalog,
    IMailOutbox outbox, MarkdownRenderer markdown, PublicUrls urls, TimeProvider clock)
{
    /// <summary>A banner shows for a year at most.</summary>
    public const int MaxBannerDays = 366;

    public const string UnsubscribeField = "desabonnement", FirstNameField = "prenom";
    /// <summary>An audience one may choose: the whole network (<see cref="SectionId"/> null) or a region.</summary>
    public sealed record Audience(int? SectionId, string Label, string? PathPrefix);

    /// <summary>The audiences <paramref name="user"/> may announce to (none: the page is refused).</summary>
    public async Task<IReadOnlyList<Audience>> AudiencesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var audiences = new List<Audience>();
        if (await authorization.CanAsync(user, NotificationPermissions.AnnounceNationally)) audiences.Add(new(null, "Tous les membres du réseau", null));
        foreach (var section in (await catalog.GetAllAsync(ct)).Where(s => !s.IsNational && s.IsActive))
            if (await authorization.CanAsync(user, NotificationPermissions.AnnounceInSection, section.Id))
                audiences.Add(new(section.Id, $"Membres de la région {section.Name}", section.PathPrefix));
        return audiences;
    }

    /// <summary>
    /// Announces to one of <paramref name="allowed"/>: the row (its page, its banner), its e-mail body stored once when
    /// asked, and one event, in one unit of work; the notifications and the e-mails are written after commit.
    /// </summary>
    /// <returns>The refusals, or how many members it goes to.</returns>
    public async Task<(IReadOnlyList<Refusal> Refusals, int Audience)> AnnounceAsync(IReadOnlyList<Audience> allowed, Audience? to, AnnouncementDraft draft, CancellationToken ct)
    {
        var refusals = Check(allowed, to, draft, Today());
        if (refusals.Count > 0) return (refusals, 0);
        var announcement = new Announcement
        {
            SectionId = to!.SectionId, Title = draft.Title.Trim(), Text = draft.Text?.Trim() ?? "",
            Link = string.IsNullOrWhiteSpace(draft.Link) ? null : draft.Link.Trim(), ForMembers = draft.ForMembers, BannerUntil = draft.BannerUntil,
            ByEmail = draft.ByEmail, CreatedAt = clock.GetUtcNow(),
        };
        announcement.Link ??= announcement.Text.Length == 0 ? (to.PathPrefix ?? "") + "/" : null;
        return await db.InTransactionAsync(async tx =>
        {
            db.Add(announcement);
            await db.SaveChangesAsync(ct);
            if (draft.ByEmail)
            {
                var bulk = outbox.StartBulk($"Annonce : {announcement.Title}", Mail(announcement));
                await db.SaveChangesAsync(ct);
                announcement.BulkId = bulk.Id;
            }
            var audience = await members.CountMembersAsync(announcement.SectionId, ct);
            events.Raise(new AnnouncementMade(announcement.SectionId, announcement.Title, announcement.Target, announcement.Id));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return ((IReadOnlyList<Refusal>)[], audience);
        }, ct);
    }

    public static IReadOnlyList<Refusal> Check(IReadOnlyList<Audience> allowed, Audience? to, AnnouncementDraft draft, DateOnly today)
    {
        var refusals = new List<Refusal>();
        if (to is null || !allowed.Contains(to)) refusals.Add(new("Audience", "Choisissez des destinataires de la liste."));
        if (!string.IsNullOrWhiteSpace(draft.Link) && !LocalPaths.IsLocal(draft.Link.Trim())) refusals.Add(new("Link", "Indiquez une adresse du portail qui commence par / (ex. /lanaudiere/)."));
        if (draft.BannerUntil is { } until && (until < today || until > today.AddDays(MaxBannerDays)))
            refusals.Add(new("BannerUntil", "Choisissez une date d'aujourd'hui à dans un an."));
        if (draft.ByEmail && string.IsNullOrWhiteSpace(draft.Text)) refusals.Add(new("Text", "Écrivez le texte de l'annonce pour l'envoyer par courriel."));
        return refusals;
    }

    public DateOnly Today() => DateOnly.FromDateTime(FrenchText.Local(clock.GetUtcNow()).DateTime);

    /// <summary>The announcement's page: null when there is none, or it is for members and the reader is not signed in.</summary>
    public async Task<Announcement?> PageAsync(int id, CancellationToken ct) =>
        await db.Set<Announcement>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Text != "", ct);

    /// <summary>The banners of a home page: the network's and, on a region's home, the region's; the members' only to members.</summary>
    public async Task<IReadOnlyList<Announcement>> BannersAsync(SectionInfo section, bool member, CancellationToken ct)
    {
        var today = Today();
        return await db.Set<Announcement>().AsNoTracking()
            .Where(a => a.BannerUntil != null && a.BannerUntil >= today && (a.SectionId == null || (!section.IsNational && a.SectionId == section.Id)) && (member || !a.ForMembers))
            .OrderByDescending(a => a.Id).Take(3).ToListAsync(ct);
    }

    /// <summary>The e-mail: the body in Markdown (links absolute), the page, and each recipient's own unsubscribe link.</summary>
    private RenderedMail Mail(Announcement a)
    {
        var html = MailLinks.Absolute(markdown.Render(a.Text).ToString() ?? "", urls.Absolute);
        var text = MarkdownMailText.Render(a.Text, path => path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) ? urls.Absolute(path) : path);
        var body = new MailBody(a.Title).Paragraph("Bonjour {{" + FirstNameField + "}},").Markdown(html, text);
        if (a.Link is { } link) body.Action("Voir sur le portail", urls.Absolute(link));
        return body.Paragraph("Vous recevez ce courriel pour : « " + NotificationsModule.Announcement.Label + " ».")
            .Action("Ne plus recevoir ces courriels", "{{" + UnsubscribeField + "}}").Render();
    }
}

/// <summary>
/// One notification per member of the audience, written a batch at a time after the announcement's commit; when it
/// goes by e-mail too, each member who has not stopped announcement e-mails gets the stored body through the bulk lane
/// with their own unsubscribe link (RFC 8058), and their notification stays on the site (never two e-mails).
/// </summary>
internal sealed class AnnouncementNotifications(PortalDbContext db, IMemberDirectory members, INotifier notifier, IMailOutbox outbox, NotificationLinks links)
    : IEventHandler<AnnouncementMade>
{
    public async Task HandleAsync(AnnouncementMade announcement, EventBatches batches, CancellationToken ct)
    {
        var row = announcement.AnnouncementId is { } id ? await db.Set<Announcement>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
        var bulk = row?.BulkId is { } bulkId ? await db.Set<MailBulk>().FirstOrDefaultAsync(b => b.Id == bulkId, ct) : null;
        var kind = NotificationsModule.Announcement.Key;
        var after = batches.Resume;
        while (true)
        {
            var page = await members.MembersPageAsync(announcement.SectionId, after, batches.Size, batches.RaisedAt, ct);
            if (page.Count == 0) return;
            IReadOnlySet<string>? siteOnly = null;
            if (bulk is not null)
            {
                // An explicit « sur le portail seulement » for announcements (what the unsubscribe link writes) is a no.
                var stopped = await db.Set<NotificationPreference>().Where(p => page.Contains(p.UserId) && p.Kind == kind && p.Delivery == Delivery.Site)
                    .Select(p => p.UserId).ToListAsync(ct);
                var to = (await members.ContactsAsync(page.Except(stopped).ToList(), ct)).ToList();
                outbox.EnqueueBulk(bulk, to.Select(c =>
                {
                    var unsubscribe = links.Unsubscribe(c.Id, kind);
                    return new BulkRecipient(c.Email, c.DisplayName,
                        new Dictionary<string, string> { [Announcements.UnsubscribeField] = unsubscribe, [Announcements.FirstNameField] = c.FirstName },
                        new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{unsubscribe}>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" });
                }));
                siteOnly = page.ToHashSet();
            }
            await notifier.NotifyAsync(new Notice(kind, page, announcement.Title, announcement.Link, SiteOnly: siteOnly), ct);
            await batches.SaveAsync(after = page[^1], ct);
        }
    }
}
