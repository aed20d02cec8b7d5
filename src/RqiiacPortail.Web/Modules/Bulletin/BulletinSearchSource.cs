using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Bulletin;

/// <summary>
/// One document per published issue: its cover and each article as a passage, so a hit says which article it was
/// found in, and the terms the board chose as passages and facets. Public, national (the bulletin is the network's). Drafts are not found.
/// </summary>
internal sealed class BulletinSearchSource(PortalDbContext db, ISectionLookup sections, ITaxonomy taxonomy, MarkdownRenderer markdown)
    : EntitySearchSource<BulletinIssue>(taxonomy)
{
    public const string SearchType = "bulletin";

    public override string Type => SearchType;
    public override string Label => "Bulletin";

    protected override IQueryable<BulletinIssue> Query() =>
        db.Set<BulletinIssue>().AsNoTracking().Include(i => i.Articles).Include(i => i.Terms).AsSplitQuery().Where(i => i.State == IssueState.Published);

    protected override async Task<SearchDocument> ToDocumentAsync(BulletinIssue issue, DescribingTerms terms, CancellationToken ct)
    {
        var national = (await sections.AllAsync(ct)).First(s => s.IsNational);
        var passages = new List<(string Text, string? Label)> { (markdown.ToPlainText(issue.Cover).ReplaceLineEndings(" "), null) };
        passages.AddRange(issue.Articles.OrderBy(a => a.Position)
            .Select(a => ($"{a.Title} {markdown.ToPlainText(a.Body)}".ReplaceLineEndings(" ").Trim(), (string?)$"l'article « {a.Title} »")));
        var described = terms.Of(issue.Terms.Select(t => t.TermId));
        passages.AddRange(described.Select(d => (d.Term.Name, (string?)null)));
        passages = passages.Where(p => p.Text.Length > 0).ToList();
        return new SearchDocument(Type, issue.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), national.Id,
            $"{issue.Title} ({BulletinArchive.Caption(issue.Number, issue.IssuedOn)})", string.Join('\n', passages.Select(p => p.Text)),
            $"/bulletin/{issue.Number}", new DateTimeOffset(issue.IssuedOn.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero), Audience.Everyone,
            DescribingTerms.Facets(described), passages.Select(p => p.Label).ToList());
    }
}

/// <summary>Issues described with a term, drafts included: a term in use is never deleted.</summary>
internal sealed class BulletinTermUsage(PortalDbContext db) : ITermUsage
{
    public string Label => "numéros du bulletin";

    public Task<int> CountAsync(int termId, CancellationToken ct = default) => db.Set<BulletinIssueTerm>().CountAsync(t => t.TermId == termId, ct);
}
