using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Rules;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>An announcement to the members of a region, or of the whole network when <see cref="SectionId"/> is null.</summary>
public sealed record AnnouncementMade(int? SectionId, string Title, string Link);

/// <summary>
/// Who may announce to whom, and the sending: administrators and the board to the whole network, a region's
/// coordination to its members; one event in this unit of work, whatever the audience's size.
/// </summary>
public sealed class Announcements(PortalDbContext db, IEventOutbox events, IMemberDirectory members, IAuthorizationService authorization, ISectionCatalog catalog)
{
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

    /// <summary>Announces <paramref name="title"/> to one of <paramref name="allowed"/>, linking to a page of the site (by default the region's home).</summary>
    /// <returns>The refusals, or how many members it goes to.</returns>
    public async Task<(IReadOnlyList<Refusal> Refusals, int Audience)> AnnounceAsync(IReadOnlyList<Audience> allowed, Audience? to, string title, string? link, CancellationToken ct)
    {
        var refusals = Check(allowed, to, link);
        if (refusals.Count > 0) return (refusals, 0);
        link = string.IsNullOrWhiteSpace(link) ? null : link.Trim();
        return ([], await SendAsync(new AnnouncementMade(to!.SectionId, title.Trim(), link ?? (to.PathPrefix ?? "") + "/"), ct));
    }

    public static IReadOnlyList<Refusal> Check(IReadOnlyList<Audience> allowed, Audience? to, string? link)
    {
        var refusals = new List<Refusal>();
        if (to is null || !allowed.Contains(to)) refusals.Add(new("Audience", "Choisissez des destinataires de la liste."));
        if (!string.IsNullOrWhiteSpace(link) && !LocalPaths.IsLocal(link.Trim())) refusals.Add(new("Link", "Indiquez une adresse du portail qui commence par / (ex. /lanaudiere/)."));
        return refusals;
    }

    /// <returns>How many members it goes to.</returns>
    public async Task<int> SendAsync(AnnouncementMade announcement, CancellationToken ct)
    {
        var audience = await members.CountMembersAsync(announcement.SectionId, ct);
        events.Raise(announcement);
        await db.SaveChangesAsync(ct);
        return audience;
    }
}

/// <summary>One notification per member of the audience, written a batch at a time after the announcement's commit.</summary>
internal sealed class AnnouncementNotifications(IMemberDirectory members, INotifier notifier) : IEventHandler<AnnouncementMade>
{
    public async Task HandleAsync(AnnouncementMade announcement, EventBatches batches, CancellationToken ct)
    {
        var after = batches.Resume;
        while (true)
        {
            var page = await members.MembersPageAsync(announcement.SectionId, after, batches.Size, batches.RaisedAt, ct);
            if (page.Count == 0) return;
            await notifier.NotifyAsync(new Notice(NotificationsModule.Announcement.Key, page, announcement.Title, announcement.Link), ct);
            await batches.SaveAsync(after = page[^1], ct);
        }
    }
}
