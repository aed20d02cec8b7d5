using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Audit;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Administration.Pages;

/// <summary>
/// The audit log, newest first: who did what, when and why. Administrators read all of it; moderators and a
/// section's coordination the entries of the sections they moderate. Filters by section, action, person and dates.
/// </summary>
[Authorize]
public sealed class JournalModel(AuditLog log, IAuthorizationService authorization, ISectionCatalog catalog, IEnumerable<AuditAction> labels) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "section")] public int? Section { get; set; }
    [BindProperty(SupportsGet = true, Name = "action")] public string? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "personne")] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true, Name = "du")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public DateOnly? To { get; set; }

    public AuditLog.Page Entries { get; private set; } = new([], 0);
    public int P { get; private set; } = 1;
    public int Pages { get; private set; } = 1;
    public IReadOnlyList<SectionInfo> Sections { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> Actions { get; private set; } = [];
    public IReadOnlyList<(string Value, string Label)> Actors { get; private set; } = [];
    public bool ReadsAll { get; private set; }

    public string SectionName(int? id) => id is null ? "Réseau" : Sections.FirstOrDefault(s => s.Id == id)?.Name ?? "—";

    public async Task<IActionResult> OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        var all = await catalog.GetAllAsync(ct);
        ReadsAll = await authorization.CanAsync(User, AuditPermissions.Read);
        var readable = new List<SectionInfo>();
        foreach (var section in all)
            if (ReadsAll || await authorization.CanAsync(User, AuditPermissions.ReadSection, section.Id)) readable.Add(section);
        if (readable.Count == 0) return Forbid();
        Sections = readable;
        IReadOnlyCollection<int>? scope = ReadsAll ? null : readable.Select(s => s.Id).ToList();

        if (Section is { } asked && !readable.Any(s => s.Id == asked)) Section = null;
        // A date the wrong way round reads as the span it means.
        if (From > To) (From, To) = (To, From);
        var (actions, actors) = await log.ChoicesAsync(scope, ct);
        Actions = actions.Select(a => ($"{a.Area}:{a.Action}", labels.FirstOrDefault(l => l.Area == a.Area && l.Action == a.Action)?.Label ?? a.Action))
            .OrderBy(a => a.Item2, Infrastructure.Text.FrenchText.Comparer).ToList();
        Actors = actors.Select(a => (a.Id ?? AuditLog.FormerActor, a.Name)).ToList();

        P = Math.Max(1, p);
        Entries = await log.ReadAsync(new AuditLog.Query(scope, Section, Action, Actor, From, To), P, PageSize, ct);
        Pages = Math.Max(1, (Entries.Total + PageSize - 1) / PageSize);
        return Page();
    }

    /// <summary>The address of another page of the same filtered journal.</summary>
    public string PageLink(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["section"] = Section?.ToString(CultureInfo.InvariantCulture), ["action"] = Action, ["personne"] = Actor,
            ["du"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["au"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["p"] = page.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
}
