using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// One document per published thread: its title, then its first post and each published reply as passages.
/// What waits for approval, was refused, hidden or deleted is left out, and no author is indexed at all (a
/// pseudonymous post's author cannot be found through the index); the category's access is the document's.
/// </summary>
internal sealed class ForumSearchSource(PortalDbContext db, ISectionCatalog sections, ITaxonomy taxonomy, MarkdownRenderer markdown)
    : EntitySearchSource<ForumThread>(taxonomy)
{
    /// <summary>A long thread is found by its first few hundred posts; the rest would only weigh on the index.</summary>
    private const int MaxPosts = 500;

    public override string Type => ForumService.SearchType;
    public override string Label => "Discussion";

    protected override IQueryable<ForumThread> Query() =>
        db.Set<ForumThread>().AcrossSections().AsNoTracking().Include(t => t.Terms).Where(t => t.Status == ThreadStatus.Published);

    protected override async Task<SearchDocument> ToDocumentAsync(ForumThread thread, DescribingTerms terms, CancellationToken ct)
    {
        var category = await db.Set<ForumCategory>().AcrossSections().AsNoTracking().FirstAsync(c => c.Id == thread.CategoryId, ct);
        var section = await sections.FindAsync(thread.SectionId, ct);
        var posts = await db.Set<ForumPost>().AsNoTracking()
            .Where(p => p.ThreadId == thread.Id && p.Status == PostStatus.Published && !p.DeletedByAuthor)
            .OrderBy(p => p.Id).Take(MaxPosts).Select(p => new { p.IsFirst, p.Body }).ToListAsync(ct);
        var passages = posts.Select(p => (Text: markdown.ToPlainText(p.Body).ReplaceLineEndings(" "), Label: p.IsFirst ? null : "une réponse"))
            .Where(p => p.Text.Length > 0).ToList();
        var described = terms.Of(thread.Terms.Select(t => t.TermId));
        passages.AddRange(described.Select(d => (d.Term.Name, (string?)null)));
        var facets = DescribingTerms.Facets(described);
        facets["categorie"] = [category.Slug];
        return new SearchDocument(Type, ForumService.Key(thread.Id), thread.SectionId, thread.Title,
            string.Join('\n', passages.Select(p => p.Text)),
            $"{section?.PathPrefix}/forum/sujets/{IdSlugConstraint.Key(thread.Id, thread.Title)}", thread.LastPostAt,
            category.Audience,
            facets, passages.Select(p => p.Label).ToList());
    }
}

/// <summary>Threads tagged with a term, whatever their state (a refused thread may still be moved and approved).</summary>
internal sealed class ForumTermUsage(PortalDbContext db) : ITermUsage
{
    public string Label => "sujets de discussion";

    public Task<int> CountAsync(int termId, CancellationToken ct = default) =>
        db.Set<ForumThreadTerm>().CountAsync(t => t.TermId == termId, ct);
}
