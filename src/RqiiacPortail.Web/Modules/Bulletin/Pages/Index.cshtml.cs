using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>The archive of « Inter Action Communautaire »: every published issue, by year, newest first.</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPagePolicy.Name)]
public sealed class IndexModel(BulletinArchive archive) : PageModel
{
    public IReadOnlyList<IGrouping<int, BulletinArchive.Entry>> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The network's bulletin, the same under every section's address (a section on a host of its own included).
        Years = (await archive.PublishedAsync(null, ct)).GroupBy(i => i.IssuedOn.Year).ToList();
        return Page();
    }
}
