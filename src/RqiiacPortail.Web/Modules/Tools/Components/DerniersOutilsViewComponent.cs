using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Tools.Components;

/// <summary>The latest tools the reader may open, on a home page: the section's own, or every section's nationally.</summary>
[ViewComponent(Name = Name)]
public sealed class DerniersOutilsViewComponent(ToolCatalog tools, ToolAccess access, ISectionCatalog catalog) : ViewComponent
{
    public const string Name = "DerniersOutils";
    private const int Count = 6;

    public sealed record Item(string Title, string Url, string Section, string Icon, DateTimeOffset PublishedAt);

    public async Task<IViewComponentResult> InvokeAsync(SectionInfo section)
    {
        if (!section.Enables(ToolsModule.Feature)) return Content("");
        var reader = await access.ReaderAsync(UserClaimsPrincipal);
        var sections = await catalog.GetAllAsync();
        var published = await tools.PublishedAsync(HttpContext.RequestAborted);
        var latest = published.Newest
            .Where(t => (section.IsNational || t.SectionId == section.Id) && reader.CanView(t)).Take(Count)
            .Select(t =>
            {
                var home = sections.FirstOrDefault(s => s.Id == t.SectionId);
                return new Item(t.Title, $"{home?.PathPrefix}/outils/{published.KeyOf(t)}", home?.Name ?? "", ToolIcons.For(t), t.PublishedAt ?? t.CreatedAt);
            }).ToList();
        return View("~/Modules/Tools/Components/DerniersOutils.cshtml", latest);
    }
}
