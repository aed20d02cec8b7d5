using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Notifications.Pages;

/// <summary>An announcement's own page: anyone's (kept whole for visitors), or the members' (a visitor is asked to sign in).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPagePolicy.Name)]
[Infrastructure.Caching.KeptForReaders]
public sealed class AnnonceModel(Announcements announcements, RenderedMarkdown markdown) : PageModel
{
    public Announcement Announcement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await announcements.PageAsync(id, ct) is not { } found) return NotFound();
        if (found.ForMembers && User.Identity?.IsAuthenticated != true) return Challenge();
        Announcement = found;
        return Page();
    }

    public string Body => markdown.Of($"annonce:{Announcement.Id}", Announcement.Text);
}
