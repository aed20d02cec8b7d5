using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Modules.Administration.Pages;

/// <summary>The administration home: each module's entries, filtered by what the person may do.</summary>
[Authorize]
public sealed class IndexModel(IEnumerable<AdminMenuItem> menu, IEnumerable<IAdminBadge> badges, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<AdminMenuItem> Items { get; private set; } = [];
    public Dictionary<string, string> Badges { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var items = new List<AdminMenuItem>();
        foreach (var item in menu.OrderBy(i => i.Order))
            if (await authorization.CanAsync(User, item.Permission)) items.Add(item);
        Items = items;
        foreach (var badge in badges.Where(b => items.Any(i => i.Path == b.Path)))
            if (await badge.TextAsync(User, ct) is { } text) Badges[badge.Path] = text;
        return items.Count == 0 ? Forbid() : Page();
    }
}
