using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Search.Contracts;

/// <summary>
/// What a content module hands to the index for one item. <paramref name="Url"/> is a path from the site root,
/// section prefix included; <paramref name="Facets"/> maps a facet key (<c>approche</c>) to the item's values.
/// </summary>
/// <param name="Audience">Who may find it: the same audience the module's pages apply (a reader finds it when they belong to it).</param>
/// <param name="Text">Passages, one per line (a summary, each file's text…): a snippet stays inside one.</param>
/// <param name="PassageLabels">For each line of <paramref name="Text"/>, where a reader finds it (« le fichier « grille.pdf » »), or null for the content itself.</param>
public sealed record SearchDocument(
    string Type,
    string Id,
    int SectionId,
    string Title,
    string Text,
    string Url,
    DateTimeOffset Date,
    Audience Audience,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Facets,
    IReadOnlyList<string?>? PassageLabels = null);

/// <summary>
/// A kind of content the search indexes (tools now; stories, threads, events and bulletin articles later).
/// Registered by its module with <see cref="SearchRegistration.AddSearchSource{T}"/>.
/// </summary>
public interface ISearchSource
{
    /// <summary>The type key stored with each document (<c>outil</c>).</summary>
    string Type { get; }

    /// <summary>How results of this type are labelled (« Outil »).</summary>
    string Label { get; }

    /// <summary>
    /// Raise it when the documents change shape (other text, fields or facets): each instance then rebuilds its
    /// index at start, instead of mixing documents of both shapes.
    /// </summary>
    int Version => 1;

    /// <summary>The current document, or null when the item is gone or withdrawn (it is then removed from the index).</summary>
    Task<SearchDocument?> LoadAsync(string id, CancellationToken ct);

    /// <summary>Every indexable item, for a rebuild.</summary>
    IAsyncEnumerable<SearchDocument> AllAsync(CancellationToken ct);
}

/// <summary>
/// Tells the index that an item changed. The task joins the caller's unit of work (an outbox), so the index
/// never learns of a change that was rolled back, and never misses one that was committed.
/// </summary>
public interface IIndexQueue
{
    void Enqueue(string type, string id);
}

/// <summary>
/// A facet a content module fills in its documents (<see cref="SearchDocument.Facets"/>): the search page counts
/// and filters on it. Its values are the slugs of a taxonomy vocabulary's terms, shown by their names.
/// </summary>
public sealed record SearchFacet(string Key, string Label, string Vocabulary);

/// <summary>Facet keys in the index are short French words (the search page filters on <c>approche</c>), the same for every module.</summary>
public static class FacetKeys
{
    public static string Of(string vocabulary) => vocabulary switch
    {
        "approches" => "approche",
        "types-intervention" => "type-intervention",
        "actes-professionnels" => "acte",
        "champs-pratique" => "champ",
        _ => vocabulary,
    };
}

public static class SearchRegistration
{
    public static IServiceCollection AddSearchSource<T>(this IServiceCollection services) where T : class, ISearchSource =>
        services.AddScoped<ISearchSource, T>();

    /// <summary>Declares, from a module's entry point, a facet its documents carry. Two modules may declare the same.</summary>
    public static IServiceCollection AddSearchFacet(this IServiceCollection services, SearchFacet facet) =>
        services.AddSingleton(facet);
}
