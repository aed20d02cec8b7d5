using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Admin;
using RqiiacPortail.Web.Infrastructure.Security;

namespace RqiiacPortail.Web.Modules.Administration.Pages;

/// <summary>The administration home: each module's entries, filtered by what the person may do.</summary>
[Authorize]
public sealed class IndexModel(IEnumerable<AdminMenuItem> menu, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<AdminMenuItem> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var items = new List<AdminMenuItem>();
        foreach (var item in menu.OrderBy(i => i.Order))
            if (await authorization.CanAsync(User, item.Permission)) items.Add(item);
        Items = items;
        return items.Count == 0 ? Forbid() : Page();
    }
}
