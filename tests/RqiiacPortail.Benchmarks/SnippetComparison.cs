using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using RqiiacPortail.Web.Modules.Search;

namespace RqiiacPortail.Benchmarks;

/// <summary>
/// The portal's snippets (<see cref="Snippets"/>: the window around the first word the French analysis matches,
/// every match in it marked) against Lucene.Net.Highlighter's <see cref="Highlighter"/> (the best-scoring fragment
/// by <see cref="QueryScorer"/>), on the same texts and queries: the time per snippet and an example of each.
/// </summary>
internal static class SnippetComparison
{
    private static readonly PortalFrenchAnalyzer Analyzer = new();

    public static void Run(IReadOnlyList<string> texts, IEnumerable<string> queries)
    {
        Console.WriteLine();
        Console.WriteLine("Snippets: hand-written (Snippets) vs Lucene.Net.Highlighter (QueryScorer, SimpleSpanFragmenter, 240 characters)");
        // A tool's text carries its files': measured on texts of one generated document and of eight end to end.
        var longTexts = Enumerable.Range(0, texts.Count / 8).Select(i => string.Join("\n", texts.Skip(i * 8).Take(8))).ToList();
        foreach (var (label, sample) in new[] { ("150 mots", texts), ("1 200 mots", (IReadOnlyList<string>)longTexts) })
        {
            double own = 0, lucene = 0;
            var count = 0;
            string? example = null;
            foreach (var text in queries)
            {
                var query = SearchService.Parse(text).Query!;
                var terms = new HashSet<Term>();
                query.ExtractTerms(terms);
                var words = terms.Where(t => t.Field is IndexFields.Text or IndexFields.Title).Select(t => t.Text).ToHashSet();
                var scorer = new QueryScorer(query, IndexFields.Text);
                var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), scorer)
                    { TextFragmenter = new SimpleSpanFragmenter(scorer, 240) };
                var matching = sample.Where(t => words.Any(w => t.Contains(w[..Math.Min(4, w.Length)], StringComparison.OrdinalIgnoreCase))).Take(200).ToList();
                foreach (var round in new[] { "warm-up", "measured" })
                {
                    var clock = Stopwatch.StartNew();
                    foreach (var t in matching) Snippets.Make(t, words);
                    var ownTime = clock.Elapsed.TotalMilliseconds;
                    clock.Restart();
                    foreach (var t in matching) highlighter.GetBestFragment(Analyzer.GetTokenStream(IndexFields.Text, new StringReader(t)), t);
                    var luceneTime = clock.Elapsed.TotalMilliseconds;
                    if (round == "warm-up") continue;
                    own += ownTime;
                    lucene += luceneTime;
                    count += matching.Count;
                }
                if (example is null && matching.Count > 0)
                    example = $"    « {text} »\n      portail    : {Snippets.Make(matching[0], words)}\n      Highlighter: " +
                        highlighter.GetBestFragment(Analyzer.GetTokenStream(IndexFields.Text, new StringReader(matching[0])), matching[0]);
            }
            Console.WriteLine($"  {label}: {count} snippets — portail {own * 1000 / count:0} µs each, Highlighter {lucene * 1000 / count:0} µs each");
            Console.WriteLine(example);
        }
    }
}
