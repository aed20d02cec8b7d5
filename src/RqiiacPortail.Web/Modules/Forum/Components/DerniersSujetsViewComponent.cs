using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Components;

/// <summary>The latest threads the reader may read, on a home page: the section's and the national ones, or every section's nationally.</summary>
[ViewComponent(Name = Name)]
public sealed class DerniersSujetsViewComponent(ForumQueries queries, ForumAccess access, ISectionCatalog catalog) : ViewComponent
{
    public const string Name = "DerniersSujets";
    private const int Count = 6;

    public sealed record Item(string Title, string Url, string Category, string CategoryKey, int Replies, DateTimeOffset LastPostAt);

    public async Task<IViewComponentResult> InvokeAsync(SectionInfo section)
    {
        if (!section.Enables(ForumModule.Feature)) return Content("");
        var reader = await access.ReaderAsync(UserClaimsPrincipal);
        var sections = await catalog.GetAllAsync(HttpContext.RequestAborted);
        var national = sections.FirstOrDefault(s => s.IsNational)?.Id;
        IReadOnlyCollection<int>? scope = section.IsNational ? null : new[] { section.Id, national ?? section.Id };
        var categories = (await queries.AllCategoriesAsync(HttpContext.RequestAborted)).ToDictionary(c => c.Id);
        var latest = (await queries.LatestAsync(scope, reader, Count, HttpContext.RequestAborted)).Select(r =>
        {
            var home = sections.FirstOrDefault(s => s.Id == r.Thread.SectionId);
            // A national thread is read in the look of the home it is listed on.
            var prefix = home is { IsNational: false } ? home.PathPrefix : section.PathPrefix;
            return new Item(r.Thread.Title, $"{prefix}/forum/sujets/{IdSlugConstraint.Key(r.Thread.Id, r.Thread.Title)}",
                categories.GetValueOrDefault(r.Thread.CategoryId)?.Name ?? "", categories.GetValueOrDefault(r.Thread.CategoryId)?.Slug ?? "", r.Thread.ReplyCount, r.Thread.LastPostAt);
        }).ToList();
        return View("~/Modules/Forum/Components/DerniersSujets.cshtml", latest);
    }
}
