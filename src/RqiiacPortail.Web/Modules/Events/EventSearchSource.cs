using RqiiacPortail.Web.Modules.Members.Contracts;
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
internal sealed class EventSearchSource(PortalDbContext db, ISectionCatalog sections, ITaxonomy taxonomy, MarkdownRenderer markdown)
    : EntitySearchSource<Event>(taxonomy)
{
    public override string Type => EventEditor.SearchType;
    public override string Label => "Événement";

    protected override IQueryable<Event> Query() =>
        db.Set<Event>().AcrossSections().AsNoTracking().Include(e => e.Terms).Include(e => e.Workshops).AsSplitQuery().Where(e => e.State != EventState.Draft);

    protected override async Task<SearchDocument> ToDocumentAsync(Event e, DescribingTerms terms, CancellationToken ct)
    {
        var section = await sections.FindAsync(e.SectionId, ct);
        var passages = new List<(string Text, string? Label)> { (markdown.ToPlainText(e.Description).ReplaceLineEndings(" "), null) };
        if (e.Place is { } place) passages.Add((place, "le lieu"));
        passages.AddRange(e.Workshops.Select(w => ($"{w.Title} {w.Summary}".Trim().ReplaceLineEndings(" "), (string?)$"l'atelier « {w.Title} »")));
        var described = terms.Of(e.Terms.Select(t => t.TermId));
        passages.AddRange(described.Select(d => (d.Term.Name, (string?)null)));
        passages = passages.Where(p => p.Text.Length > 0).ToList();
        var title = e.State == EventState.Cancelled ? $"{e.Title} (annulé)" : e.Title;
        return new SearchDocument(Type, EventEditor.Key(e.Id), e.SectionId, title, string.Join('\n', passages.Select(p => p.Text)),
            $"{section?.PathPrefix}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}", e.StartsAt, Audience.Everyone, DescribingTerms.Facets(described),
            passages.Select(p => p.Label).ToList());
    }
}

/// <summary>Events tagged with a term, drafts included.</summary>
internal sealed class EventTermUsage(PortalDbContext db) : ITermUsage
{
    public string Label => "événements";

    public Task<int> CountAsync(int termId, CancellationToken ct = default) => db.Set<EventTerm>().CountAsync(t => t.TermId == termId, ct);
}
