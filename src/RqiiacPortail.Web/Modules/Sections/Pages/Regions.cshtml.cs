using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPagePolicy.Name)]
[Infrastructure.Caching.KeptForReaders]
public sealed class RegionsModel(ISectionCatalog catalog, IEnumerable<SectionFeature> features) : PageModel
{
    public IReadOnlyList<SectionInfo> Regions { get; private set; } = [];

    /// <summary>What a section offers today, from the modules that contribute to sections (« Boîte à outils »).</summary>
    public IReadOnlyList<string> Offers => features.Select(f => f.Name.ToLower(Infrastructure.Text.FrenchText.Culture)).ToList();
    // (Each module that adds to sections — the forum, events, stories — appears here by registering its feature.)

    // Ordered by region code, the order Québec's administrative regions are always listed in.
    public async Task OnGetAsync(CancellationToken ct) =>
        Regions = (await catalog.GetAllAsync(ct)).Where(s => !s.IsNational && s.IsActive).OrderBy(s => s.Code, StringComparer.Ordinal).ToList();
}
