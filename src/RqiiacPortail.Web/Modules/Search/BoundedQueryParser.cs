using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// The classic query parser with the costly parts of its syntax refused or bounded. Lucene's parser has no
/// complexity limit of its own: one regular expression (<c>/[ac]*a[ac]{16}/</c>) builds an automaton that holds a
/// core and gigabytes for minutes, and leading or inner wildcards walk every term of the index. What readers
/// actually use stays: words, "phrases", -exclusions, a trailing « quart* » and a fuzzy « quartiet~ » (both
/// meet the stemmed words of the index: « quartier » is indexed as « quarti »).
/// </summary>
internal sealed class BoundedQueryParser(string[] fields, Analyzer analyzer, IDictionary<string, float> boosts)
    : MultiFieldQueryParser(PortalFrenchAnalyzer.Version, fields, analyzer, boosts)
{
    /// <summary>Prefix and fuzzy terms in one query: each one expands to many index terms.</summary>
    public const int MaxExpandingTerms = 3;

    /// <summary>Letters a trailing « * » needs before it (« co* » would stand for thousands of words).</summary>
    public const int MinPrefixLength = 3;

    public const int MaxFuzzyLength = 30, MaxPhraseSlop = 10;

    private int _expanding;

    protected override Query GetRegexpQuery(string field, string termStr) =>
        throw new RefusedSyntaxException("Les expressions régulières (/…/) ne sont pas acceptées : la recherche a été lue mot à mot.");

    protected override Query GetWildcardQuery(string field, string termStr) =>
        throw new RefusedSyntaxException($"Le signe « * » n'est accepté qu'à la fin d'un mot d'au moins {MinPrefixLength} lettres (« quart* ») : la recherche a été lue mot à mot.");

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
        throw new RefusedSyntaxException("Les intervalles ([a TO z]) ne sont pas acceptés : la recherche a été lue mot à mot.");

    protected override Query GetPrefixQuery(string field, string termStr)
    {
        if (termStr.Length < MinPrefixLength) throw new RefusedSyntaxException(
            $"Le signe « * » n'est accepté qu'à la fin d'un mot d'au moins {MinPrefixLength} lettres (« quart* ») : la recherche a été lue mot à mot.");
        CountExpanding(field);
        return base.GetPrefixQuery(field, Fold(termStr));
    }

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
    {
        if (termStr.Length is < 3 or > MaxFuzzyLength) throw new RefusedSyntaxException(
            "Le signe « ~ » n'est accepté qu'après un mot de 3 à 30 lettres : la recherche a été lue mot à mot.");
        CountExpanding(field);
        return base.GetFuzzyQuery(field, Fold(termStr), Math.Min(minSimilarity, 2f));
    }

    protected override Query GetFieldQuery(string field, string queryText, int slop) =>
        base.GetFieldQuery(field, queryText, Math.Min(slop, MaxPhraseSlop));

    // These terms skip the analyzer: fold accents as indexing did, so that « sécur* » meets « securit ».
    private static string Fold(string term)
    {
        var decomposed = term.Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal).Normalize(System.Text.NormalizationForm.FormD);
        return new string(decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
    }

    // The multi-field parser calls these once without a field, then once per field: count the first call only.
    private void CountExpanding(string? field)
    {
        if (field is null && ++_expanding > MaxExpandingTerms) throw new RefusedSyntaxException(
            $"Au plus {MaxExpandingTerms} mots avec « * » ou « ~ » par recherche : la recherche a été lue mot à mot.");
    }
}

/// <summary>A piece of query syntax the portal does not run, with the French explanation shown to the reader.</summary>
internal sealed class RefusedSyntaxException(string message) : ParseException(message);
