using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Components;

/// <summary>
/// The next events on a home page: the section's own; nationally, the national ones and every section's public ones.
/// Drafts never show here, whoever reads (home pages are the same for all).
/// </summary>
[ViewComponent(Name = Name)]
public sealed class ProchainsEvenementsViewComponent(EventQueries queries, ISectionCatalog catalog) : ViewComponent
{
    public const string Name = "ProchainsEvenements";
    private const int Count = 4;

    public sealed record Item(Event Event, string Url, string? Section);

    public async Task<IViewComponentResult> InvokeAsync(SectionInfo section)
    {
        if (!section.Enables(EventsModule.Feature)) return Content("");
        var sections = (await catalog.GetAllAsync(HttpContext.RequestAborted)).ToDictionary(s => s.Id);
        var next = (await queries.UpcomingAsync(section, EventViewer.Visitor, Count, HttpContext.RequestAborted))
            .Select(e => new Item(e, $"{sections.GetValueOrDefault(e.SectionId)?.PathPrefix}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}",
                section.IsNational && sections.GetValueOrDefault(e.SectionId) is { IsNational: false } s ? s.Name : null)).ToList();
        return View("~/Modules/Events/Components/ProchainsEvenements.cshtml", next);
    }
}
