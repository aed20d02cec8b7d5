using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>
/// One document per published or cancelled event: title, description, place, workshops. Drafts are not found.
/// Everyone sees events in the lists, members-only ones included (only registering is kept to members), so the
/// documents are public. The online link is never indexed: it is for registrants.
/// </summary>
internal sealed class EventSearchSource(PortalDbContext db, ISectionCatalog sections, ITaxonomy taxonomy, MarkdownRenderer markdown) : ISearchSource
{
    public string Type => EventEditor.SearchType;
    public string Label => "Événement";

    public async Task<SearchDocument?> LoadAsync(string id, CancellationToken ct)
    {
        if (!int.TryParse(id, CultureInfo.InvariantCulture, out var eventId)) return null;
        var e = await Events().FirstOrDefaultAsync(x => x.Id == eventId, ct);
        return e is null ? null : await ToDocumentAsync(e, await TermsAsync(ct), ct);
    }

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var terms = await TermsAsync(ct);
        var ids = await Events().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
        foreach (var id in ids)
            if (await Events().FirstOrDefaultAsync(e => e.Id == id, ct) is { } e)
                yield return await ToDocumentAsync(e, terms, ct);
    }

    private IQueryable<Event> Events() =>
        db.Set<Event>().AcrossSections().AsNoTracking().Include(e => e.Terms).Include(e => e.Workshops).AsSplitQuery().Where(e => e.State != EventState.Draft);

    private async Task<Dictionary<int, (string Vocabulary, TermInfo Term)>> TermsAsync(CancellationToken ct) =>
        (await taxonomy.GetAllAsync(ct)).SelectMany(v => v.Terms.Select(t => (v.Key, t))).ToDictionary(x => x.t.Id, x => (x.Key, x.t));

    private async Task<SearchDocument> ToDocumentAsync(Event e, Dictionary<int, (string Vocabulary, TermInfo Term)> terms, CancellationToken ct)
    {
        var section = await sections.FindAsync(e.SectionId, ct);
        var passages = new List<(string Text, string? Label)> { (markdown.ToPlainText(e.Description).ReplaceLineEndings(" "), null) };
        if (e.Place is { } place) passages.Add((place, "le lieu"));
        passages.AddRange(e.Workshops.Select(w => ($"{w.Title} {w.Summary}".Trim().ReplaceLineEndings(" "), (string?)$"l'atelier « {w.Title} »")));
        var described = e.Terms.Select(t => terms.GetValueOrDefault(t.TermId)).Where(t => t.Term is not null).ToList();
        passages.AddRange(described.Select(d => (d.Term.Name, (string?)null)));
        passages = passages.Where(p => p.Text.Length > 0).ToList();
        var facets = described.GroupBy(d => FacetKeys.Of(d.Vocabulary))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(d => d.Term.Slug).ToList());
        var title = e.State == EventState.Cancelled ? $"{e.Title} (annulé)" : e.Title;
        return new SearchDocument(Type, EventEditor.Key(e.Id), e.SectionId, title, string.Join('\n', passages.Select(p => p.Text)),
            $"{section?.PathPrefix}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}", e.StartsAt, SearchVisibility.Public, facets,
            passages.Select(p => p.Label).ToList());
    }
}

/// <summary>Events tagged with a term, drafts included.</summary>
internal sealed class EventTermUsage(PortalDbContext db) : ITermUsage
{
    public string Label => "événements";

    public Task<int> CountAsync(int termId, CancellationToken ct = default) => db.Set<EventTerm>().CountAsync(t => t.TermId == termId, ct);
}
