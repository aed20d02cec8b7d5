using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>Published tools as search documents: title, summary, metadata and the text inside their files.</summary>
internal sealed class ToolSearchSource(PortalDbContext db, ISectionCatalog sections, ITaxonomy taxonomy, MarkdownRenderer markdown) : ISearchSource
{
    public string Type => ToolService.SearchType;
    public string Label => "Outil";

    /// <summary>2: the summary as plain text, metadata after the text of the files; 3: files held for review left out; 4: passages say which file they come from.</summary>
    public int Version => 4;

    public async Task<SearchDocument?> LoadAsync(string id, CancellationToken ct)
    {
        if (!int.TryParse(id, CultureInfo.InvariantCulture, out var toolId)) return null;
        var tool = await Query().FirstOrDefaultAsync(t => t.Id == toolId, ct);
        return tool is null ? null : await ToDocumentAsync(tool, await TermsAsync(ct), ct);
    }

    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var terms = await TermsAsync(ct);
        await foreach (var tool in Query().AsAsyncEnumerable().WithCancellation(ct))
            yield return await ToDocumentAsync(tool, terms, ct);
    }

    private IQueryable<Tool> Query() =>
        db.Set<Tool>().AcrossSections().AsNoTracking().Where(t => t.Status == ToolStatus.Published)
            .Include(t => t.Files).ThenInclude(f => f.Text).Include(t => t.Terms).AsSplitQuery();

    private async Task<Dictionary<int, (string Vocabulary, TermInfo Term)>> TermsAsync(CancellationToken ct) =>
        (await taxonomy.GetAllAsync(ct)).SelectMany(v => v.Terms.Select(t => (v.Key, t))).ToDictionary(x => x.t.Id, x => (x.Key, x.t));

    private async Task<SearchDocument> ToDocumentAsync(Tool tool, Dictionary<int, (string Vocabulary, TermInfo Term)> terms, CancellationToken ct)
    {
        var section = await sections.FindAsync(tool.SectionId, ct);
        var described = tool.Terms.Select(t => terms.GetValueOrDefault(t.TermId)).Where(t => t.Term is not null).ToList();
        // One passage per line, what people wrote first and the metadata last: a snippet stays in the first
        // passage that matches.
        var passages = new List<(string? Text, string? Label)> { (markdown.ToPlainText(tool.Summary), null) };
        passages.AddRange(tool.PublishedFiles.Select(f => (f.Text?.Text, (string?)$"le fichier « {f.FileName} »")));
        passages.AddRange(tool.PublishedFiles.Select(f => ((string?)f.FileName, (string?)null)));
        passages.AddRange(new[] { tool.Author, tool.Organisation }.Concat(described.Select(d => (string?)d.Term.Name)).Select(t => (t, (string?)null)));
        var kept = passages.Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToList();
        var text = string.Join('\n', kept.Select(p => p.Text!.ReplaceLineEndings(" ")));
        var facets = described.GroupBy(d => FacetKey(d.Vocabulary))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(d => d.Term.Slug).ToList());
        facets["licence"] = [tool.Licence];
        facets["fichier"] = tool.PublishedFiles.Select(f => f.Kind).Distinct().ToList();
        return new SearchDocument(Type, tool.Id.ToString(CultureInfo.InvariantCulture), tool.SectionId, tool.Title, text,
            $"{section?.PathPrefix}/outils/{IdSlugConstraint.Key(tool.Id, tool.Title)}", tool.PublishedAt ?? tool.CreatedAt,
            tool.Visibility switch
            {
                ToolVisibility.Public => SearchVisibility.Public,
                ToolVisibility.Members => SearchVisibility.Members,
                _ => SearchVisibility.SectionMembers,
            },
            facets, kept.Select(p => p.Label).ToList());
    }

    /// <summary>Facet keys in the index are short French words (the search page filters on <c>approche</c>).</summary>
    public static string FacetKey(string vocabulary) => FacetKeys.Of(vocabulary);
}
