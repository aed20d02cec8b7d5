using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Search.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>Published tools as search documents: title, summary, metadata and the text inside their files.</summary>
internal sealed class ToolSearchSource(PortalDbContext db, ISectionCatalog sections, ITaxonomy taxonomy, MarkdownRenderer markdown)
    : EntitySearchSource<Tool>(taxonomy)
{
    public override string Type => ToolService.SearchType;
    public override string Label => "Outil";

    /// <summary>2: the summary as plain text, metadata after the text of the files; 3: files held for review left out; 4: passages say which file they come from.</summary>
    public override int Version => 4;

    protected override IQueryable<Tool> Query() =>
        db.Set<Tool>().AcrossSections().AsNoTracking().Where(t => t.Status == ToolStatus.Published)
            .Include(t => t.Files).ThenInclude(f => f.Text).Include(t => t.Terms).AsSplitQuery();

    protected override async Task<SearchDocument> ToDocumentAsync(Tool tool, DescribingTerms terms, CancellationToken ct)
    {
        var section = await sections.FindAsync(tool.SectionId, ct);
        var described = terms.Of(tool.Terms.Select(t => t.TermId));
        // One passage per line, what people wrote first and the metadata last: a snippet stays in the first
        // passage that matches.
        var passages = new List<(string? Text, string? Label)> { (markdown.ToPlainText(tool.Summary), null) };
        passages.AddRange(tool.PublishedFiles.Select(f => (f.Text?.Text, (string?)$"le fichier « {f.FileName} »")));
        passages.AddRange(tool.PublishedFiles.Select(f => ((string?)f.FileName, (string?)null)));
        passages.AddRange(new[] { tool.Author, tool.Organisation }.Concat(described.Select(d => (string?)d.Term.Name)).Select(t => (t, (string?)null)));
        var kept = passages.Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToList();
        var text = string.Join('\n', kept.Select(p => p.Text!.ReplaceLineEndings(" ")));
        var facets = DescribingTerms.Facets(described);
        facets["licence"] = [tool.Licence];
        facets["fichier"] = tool.PublishedFiles.Select(f => f.Kind).Distinct().ToList();
        return new SearchDocument(Type, tool.Id.ToString(CultureInfo.InvariantCulture), tool.SectionId, tool.Title, text,
            $"{section?.PathPrefix}/outils/{IdSlugConstraint.Key(tool.Id, tool.Title)}", tool.PublishedAt ?? tool.CreatedAt,
            tool.Audience,
            facets, kept.Select(p => p.Label).ToList());
    }

    /// <summary>Facet keys in the index are short French words (the search page filters on <c>approche</c>).</summary>
    public static string FacetKey(string vocabulary) => FacetKeys.Of(vocabulary);
}
