using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections.Pages;

public sealed class RegionsModel(ISectionCatalog catalog) : PageModel
{
    public IReadOnlyList<SectionInfo> Regions { get; private set; } = [];

    // Ordered by region code, the order Québec's administrative regions are always listed in.
    public async Task OnGetAsync(CancellationToken ct) =>
        Regions = (await catalog.GetAllAsync(ct)).Where(s => !s.IsNational && s.IsActive).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
}
