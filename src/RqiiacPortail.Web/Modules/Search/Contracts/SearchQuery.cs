using RqiiacPortail.Web.Modules.Members.Contracts;
namespace RqiiacPortail.Web.Modules.Search.Contracts;

/// <summary>
/// What the reader may find: the documents of the audiences they belong to (<see cref="IAudiences"/>, the same the
/// pages apply); <paramref name="SeesAll"/> is for administrators.
/// </summary>
public sealed record SearchReader(ReaderAudiences Audiences, bool SeesAll = false)
{
    public static readonly SearchReader Visitor = new(ReaderAudiences.Visitor);

    /// <summary>A reader belonging to these audiences (and everyone's).</summary>
    public static SearchReader Of(params Audience[] audiences) => new(new ReaderAudiences(audiences.Append(Audience.Everyone).ToHashSet()));
}

/// <param name="Filters">Facet key → the value chosen (<c>type</c> → <c>outil</c>, <c>section</c> → <c>14</c>, …).</param>
public sealed record SearchQuery(string Text, IReadOnlyDictionary<string, string> Filters, int Page = 1, int PageSize = 10);

/// <param name="FoundIn">Where the snippet was found when not in the content itself (« le fichier « grille.pdf » »).</param>
public sealed record SearchHit(string Type, string Id, int SectionId, string Title, string Url, DateTimeOffset Date, string SnippetHtml, string? FoundIn = null);

public sealed record FacetValue(string Value, int Count);

/// <param name="Problem">A French explanation when the query could not be used as typed (it was then read literally).</param>
/// <param name="FacetsApproximate">The facet counts were sampled (a query matching a great many documents): shown as approximate.</param>
public sealed record SearchResults(int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets, string? Problem = null,
    bool FacetsApproximate = false)
{
    public static readonly SearchResults Empty = new(0, [], new Dictionary<string, IReadOnlyList<FacetValue>>());
}

public interface ISearch
{
    Task<SearchResults> SearchAsync(SearchQuery query, SearchReader reader, CancellationToken ct = default);
}
