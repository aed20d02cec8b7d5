using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>An announcement to the members of a region, or of the whole network when <see cref="SectionId"/> is null.</summary>
public sealed record AnnouncementMade(int? SectionId, string Title, string Link);

/// <summary>Sends an announcement: one event in this unit of work, whatever the audience's size.</summary>
public sealed class Announcements(PortalDbContext db, IEventOutbox events, IMemberDirectory members)
{
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
