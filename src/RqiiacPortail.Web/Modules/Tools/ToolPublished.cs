using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>A tool went out for the first time: raised with the change, handled after commit.</summary>
public sealed record ToolPublished(int ToolId, int SectionId, string Title, string Path, string? AuthorId);

/// <summary>Tells the members of the tool's region, a batch at a time, whatever their number.</summary>
internal sealed class NewToolNotifications(IMemberDirectory members, INotifier notifier, ISectionLookup sections) : IEventHandler<ToolPublished>
{
    public async Task HandleAsync(ToolPublished published, EventBatches batches, CancellationToken ct)
    {
        var section = await sections.FindAsync(published.SectionId, ct);
        var title = $"Nouvel outil dans {section?.Name} : {published.Title}";
        var after = batches.Resume;
        while (true)
        {
            var page = await members.MembersPageAsync(published.SectionId, after, batches.Size, batches.RaisedAt, ct);
            if (page.Count == 0) return;
            await notifier.NotifyAsync(new Notice(ToolsModule.NewToolInRegion.Key, page.Where(id => id != published.AuthorId).ToList(), title, published.Path), ct);
            await batches.SaveAsync(after = page[^1], ct);
        }
    }
}
