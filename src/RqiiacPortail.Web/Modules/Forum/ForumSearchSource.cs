using System.Globalization;
using System.Runtime.CompilerServices;
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
internal sealed class ForumSearchSource(PortalDbContext db, ISectionCatalog sections, ITaxonomy taxonomy, MarkdownRenderer markdown) : ISearchSource
{
    /// <summary>A long thread is found by its first few hundred posts; the rest would only weigh on the index.</summary>
    private const int MaxPosts = 500;

    public string Type => ForumService.SearchType;
    public string Label => "Discussion";

    public async Task<SearchDocument?> LoadAsync(string id, CancellationToken ct)
    {
        if (!int.TryParse(id, CultureInfo.InvariantCulture, out var threadId)) return null;
        var thread = await Threads().FirstOrDefaultAsync(t => t.Id == threadId, ct);
        return thread is null ? null : await ToDocumentAsync(thread, await TermsAsync(ct), ct);
    }

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var terms = await TermsAsync(ct);
        var ids = await Threads().OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(ct);
        foreach (var id in ids)
            if (await Threads().FirstOrDefaultAsync(t => t.Id == id, ct) is { } thread)
                yield return await ToDocumentAsync(thread, terms, ct);
    }

    private IQueryable<ForumThread> Threads() =>
        db.Set<ForumThread>().AcrossSections().AsNoTracking().Include(t => t.Terms).Where(t => t.Status == ThreadStatus.Published);

    private async Task<Dictionary<int, (string Vocabulary, TermInfo Term)>> TermsAsync(CancellationToken ct) =>
        (await taxonomy.GetAllAsync(ct)).SelectMany(v => v.Terms.Select(t => (v.Key, t))).ToDictionary(x => x.t.Id, x => (x.Key, x.t));

    private async Task<SearchDocument> ToDocumentAsync(ForumThread thread, Dictionary<int, (string Vocabulary, TermInfo Term)> terms, CancellationToken ct)
    {
        var category = await db.Set<ForumCategory>().AcrossSections().AsNoTracking().FirstAsync(c => c.Id == thread.CategoryId, ct);
        var section = await sections.FindAsync(thread.SectionId, ct);
        var posts = await db.Set<ForumPost>().AsNoTracking()
            .Where(p => p.ThreadId == thread.Id && p.Status == PostStatus.Published && !p.DeletedByAuthor)
            .OrderBy(p => p.Id).Take(MaxPosts).Select(p => new { p.IsFirst, p.Body }).ToListAsync(ct);
        var passages = posts.Select(p => (Text: markdown.ToPlainText(p.Body).ReplaceLineEndings(" "), Label: p.IsFirst ? null : "une réponse"))
            .Where(p => p.Text.Length > 0).ToList();
        var described = thread.Terms.Select(t => terms.GetValueOrDefault(t.TermId)).Where(t => t.Term is not null).ToList();
        passages.AddRange(described.Select(d => (d.Term.Name, (string?)null)));
        var facets = described.GroupBy(d => FacetKeys.Of(d.Vocabulary))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(d => d.Term.Slug).ToList());
        facets["categorie"] = [category.Slug];
        return new SearchDocument(Type, ForumService.Key(thread.Id), thread.SectionId, thread.Title,
            string.Join('\n', passages.Select(p => p.Text)),
            $"{section?.PathPrefix}/forum/sujets/{IdSlugConstraint.Key(thread.Id, thread.Title)}", thread.LastPostAt,
            category.Access switch
            {
                CategoryAccess.Public => SearchVisibility.Public,
                CategoryAccess.Members => SearchVisibility.Members,
                _ => SearchVisibility.SectionMembers,
            },
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
