using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPagePolicy.Name)]
[Infrastructure.Caching.KeptForReaders]
public sealed class AccueilModel(ISectionContext context, ISectionCatalog catalog, MarkdownRenderer markdown, IEnumerable<HomeBlock> blocks) : PageModel
{
    public SectionInfo Section => context.Current;
    public IHtmlContent Description { get; private set; } = HtmlString.Empty;
    public IReadOnlyList<SectionInfo> Regions { get; private set; } = [];
    public IReadOnlyList<HomeBlock> Blocks { get; } = blocks.OrderBy(b => b.Order).ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Description = markdown.Render(Section.Description);
        if (Section.IsNational)
            Regions = (await catalog.GetAllAsync(ct)).Where(s => !s.IsNational && s.IsActive).ToList();
    }
}
