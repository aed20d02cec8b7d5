using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

/// <summary>
/// The categories the reader may read, with thread counts and the latest activity: nationally, the national ones
/// then each region's; in a section, the section's then the national ones.
/// </summary>
[SectionFeature(ForumModule.Feature)]
[OutputCache(PolicyName = PublicPagePolicy.Name)]
[KeptForReaders]
public sealed class IndexModel(ForumQueries queries, ForumAccess access, ISectionContext section, ISectionCatalog catalog) : PageModel
{
    public sealed record Group(string Title, IReadOnlyList<ForumQueries.CategoryRow> Categories);

    public IReadOnlyList<Group> Groups { get; private set; } = [];
    public IReadOnlyList<ForumQueries.ThreadRow> Latest { get; private set; } = [];
    public string? SectionName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var reader = await access.ReaderAsync(User);
        var sections = _sections = await catalog.GetAllAsync(ct);
        var rows = await queries.CategoriesAsync(null, reader, ct);
        var national = sections.First(s => s.IsNational);
        var here = section.Current;
        var groups = new List<Group>();
        if (!here.IsNational)
        {
            SectionName = here.Name;
            groups.Add(new Group($"Discussions de la région {here.Name}", rows.Where(r => r.Category.SectionId == here.Id).ToList()));
            groups.Add(new Group("Discussions du réseau", rows.Where(r => r.Category.SectionId == national.Id).ToList()));
            Latest = await queries.LatestAsync([here.Id, national.Id], reader, 5, ct);
        }
        else
        {
            groups.Add(new Group("Discussions du réseau", rows.Where(r => r.Category.SectionId == national.Id).ToList()));
            foreach (var s in sections.Where(s => !s.IsNational && s.IsActive && s.Enables(ForumModule.Feature)))
                groups.Add(new Group(s.Name, rows.Where(r => r.Category.SectionId == s.Id).ToList()));
            Latest = await queries.LatestAsync(null, reader, 5, ct);
        }
        Groups = groups.Where(g => g.Categories.Count > 0).ToList();
        return Page();
    }

    private IReadOnlyList<SectionInfo> _sections = [];

    /// <summary>A region's category or thread under its region's prefix; a national one under this page's.</summary>
    private string PrefixOf(int sectionId) =>
        _sections.FirstOrDefault(s => s.Id == sectionId) is { IsNational: false } home ? home.PathPrefix : Request.PathBase.Value ?? "";

    public string CategoryUrl(ForumCategory category) => $"{PrefixOf(category.SectionId)}/forum/{category.Slug}";

    public string ThreadUrl(ForumThread thread) => $"{PrefixOf(thread.SectionId)}/forum/sujets/{Infrastructure.Web.IdSlugConstraint.Key(thread.Id, thread.Title)}";
}
