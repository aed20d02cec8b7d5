using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages.Admin;

/// <summary>The sections whose categories the person manages; straight to them when there is only one.</summary>
[Authorize]
public sealed class DiscussionsModel(ForumCategoryEditor editor) : PageModel
{
    public IReadOnlyList<SectionInfo> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Sections = await editor.SectionsAsync(User, ct);
        return Sections.Count switch
        {
            0 => Forbid(),
            1 => LocalRedirect($"{Request.PathBase}/admin/discussions/{Sections[0].Id}"),
            _ => Page(),
        };
    }
}
