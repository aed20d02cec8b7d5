using System.Text;
using System.Text.Encodings.Web;
using Lucene.Net.Analysis.TokenAttributes;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// A short excerpt around the first matched word, with every matched word in &lt;mark&gt;. Words match when the
/// French analysis reduces them to a query term (so « Logements » is marked for « logement »). The excerpt stays
/// inside the passage (line) it starts in, so that it never runs from a summary into a file name or a keyword.
/// </summary>
internal static class Snippets
{
    private const int Before = 80, Length = 240;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
    private static readonly PortalFrenchAnalyzer Analyzer = new();

    public static string Make(string text, IReadOnlySet<string> terms) => MakeWithPassage(text, terms).Html;

    /// <returns>The excerpt, and the index of the passage (line) it comes from.</returns>
    public static (string Html, int Passage) MakeWithPassage(string text, IReadOnlySet<string> terms)
    {
        var lines = text;
        // Offsets stay valid: each line break becomes one space.
        text = text.Replace('\n', ' ').Replace('\r', ' ');
        var matches = new List<(int Start, int End)>();
        if (terms.Count > 0)
        {
            using var stream = Analyzer.GetTokenStream(IndexFields.Text, new StringReader(text));
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                // The excerpt ends within Length of the first match: what lies beyond is never shown, so never analysed
                // (a tool's text with its files' runs to thousands of words).
                if (matches.Count > 0 && offset.StartOffset >= matches[0].Start + Length) break;
                if (terms.Contains(term.ToString())) matches.Add((WithoutElision(text, offset.StartOffset, offset.EndOffset), offset.EndOffset));
            }
            stream.End();
        }

        var first = matches.Count == 0 ? 0 : matches[0].Start;
        var passageStart = first == 0 ? 0 : lines.LastIndexOf('\n', first - 1) + 1;
        var passageEnd = lines.IndexOf('\n', first) is var br and >= 0 ? br : lines.Length;
        // Near the end of its passage, the excerpt reaches further back rather than coming out short.
        var start = Math.Max(passageStart, Math.Min(first - Before, passageEnd - Length));
        if (start > passageStart && text.LastIndexOf(' ', start) is var space and > 0 && start - space < 20) start = Math.Max(passageStart, space + 1);
        var end = Math.Min(passageEnd, start + Length);
        var html = new StringBuilder();
        if (start > passageStart) html.Append('…');
        var position = start;
        foreach (var (s, e) in matches.Where(m => m.Start >= start && m.End <= end))
        {
            html.Append(Encoder.Encode(text[position..s])).Append("<mark>").Append(Encoder.Encode(text[s..e])).Append("</mark>");
            position = e;
        }
        html.Append(Encoder.Encode(text[position..end]));
        if (end < passageEnd) html.Append('…');
        return (html.ToString(), lines.AsSpan(0, passageStart).Count('\n'));
    }

    /// <summary>« d'analyse » is one token whose term is « analys »: mark the word, not the article before it.</summary>
    private static int WithoutElision(string text, int start, int end)
    {
        var apostrophe = text.AsSpan(start, end - start).IndexOfAny('\'', '’');
        return apostrophe > 0 && PortalFrenchAnalyzer.Articles.Contains(text.AsSpan(start, apostrophe).ToString()) ? start + apostrophe + 1 : start;
    }
}
