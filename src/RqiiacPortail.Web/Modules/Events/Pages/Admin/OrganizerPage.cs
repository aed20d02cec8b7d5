using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>What every organizer's page of one event does first: find the event, and refuse whoever does not organize its section.</summary>
public abstract class OrganizerPage(Registrar registrar, EventAccess access) : PageModel
{
    public Event Event { get; protected set; } = null!;
    public EventViewer Viewer { get; private set; } = EventViewer.Visitor;

    protected Registrar Registrar => registrar;

    /// <returns>
    /// The refusal, or null: 404 for an unknown event and for one the viewer may not even see (a draft: its
    /// existence is the organizers' business), 403 for someone else's published event.
    /// </returns>
    protected async Task<IActionResult?> LoadEventAsync(int id, CancellationToken ct)
    {
        Viewer = await access.ViewerAsync(User, ct);
        if (await registrar.EventAsync(id, ct) is not { } e) return NotFound();
        if (!Viewer.CanOrganize(e.SectionId)) return Viewer.CanSee(e) ? Forbid() : NotFound();
        Event = e;
        return null;
    }
}
