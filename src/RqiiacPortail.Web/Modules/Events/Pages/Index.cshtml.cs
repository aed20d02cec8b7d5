using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages;

/// <summary>Upcoming events (the section's; nationally, the national ones and every section's public ones), past ones below.</summary>
[SectionFeature(EventsModule.Feature)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = EventsModule.PublicPagePolicy)]
[Infrastructure.Caching.KeptForReaders(Vary = EventsModule.SeatsPeriod)]
public sealed class IndexModel(EventQueries queries, EventAccess access, ISectionContext section, ISectionCatalog catalog) : PageModel
{
    public const int PastPageSize = 20;

    public IReadOnlyList<Event> Upcoming { get; private set; } = [];
    public IReadOnlyList<Event> Past { get; private set; } = [];
    public int PastPage { get; private set; } = 1;
    public int PastPageCount { get; private set; } = 1;
    public IReadOnlyDictionary<int, SectionInfo> Sections { get; private set; } = new Dictionary<int, SectionInfo>();
    public bool IsNational => section.Current.IsNational;

    /// <summary>Nationally, the region chosen (its slug; « national » for the national section's own events).</summary>
    [BindProperty(SupportsGet = true, Name = "region")] public string? Region { get; set; }

    /// <summary>The regions one may filter on, in French order, the national section first.</summary>
    public IReadOnlyList<SectionInfo> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int page = 1, CancellationToken ct = default)
    {
        var viewer = await access.ViewerAsync(User, ct);
        var all = await catalog.GetAllAsync(ct);
        Sections = all.ToDictionary(s => s.Id);
        Regions = all.Where(s => s.IsActive && s.Enables(EventsModule.Feature)).OrderBy(s => !s.IsNational).ThenBy(s => s.Name, Infrastructure.Text.FrenchText.Comparer).ToList();
        int? region = null;
        if (IsNational && !string.IsNullOrEmpty(Region))
        {
            // An unknown region lists nothing rather than everything: the filter says what it shows.
            region = Regions.FirstOrDefault(s => (s.IsNational ? "national" : s.Slug) == Region)?.Id ?? -1;
        }
        Upcoming = await queries.UpcomingAsync(section.Current, viewer, 200, ct, region);
        var (past, total) = await queries.PastAsync(section.Current, viewer, Math.Max(1, page), PastPageSize, ct, region);
        Past = past;
        PastPage = Math.Max(1, page);
        PastPageCount = Math.Max(1, (total + PastPageSize - 1) / PastPageSize);
        return Page();
    }

    public string RegionValue(SectionInfo s) => s.IsNational ? "national" : s.Slug;

    public string Link(Event e) => $"{(Sections.TryGetValue(e.SectionId, out var s) ? s.PathPrefix : "")}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}";
}
