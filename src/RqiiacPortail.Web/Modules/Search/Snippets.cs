using System.Text;
using System.Text.Encodings.Web;
using Lucene.Net.Analysis.TokenAttributes;

namespace RqiiacPortail.Web.Modules.Search;

/// <summary>
/// A short excerpt around the first matched word, with every matched word in &lt;mark&gt;. Words match when the
/// French analysis reduces them to a query term (so « Logements » is marked for « logement »).
/// </summary>
internal static class Snippets
{
    private const int Before = 80, Length = 240;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Make(string text, IReadOnlySet<string> terms)
    {
        // Offsets stay valid: each line break becomes one space.
        text = text.Replace('\n', ' ').Replace('\r', ' ');
        var matches = new List<(int Start, int End)>();
        if (terms.Count > 0)
        {
            using var analyzer = new PortalFrenchAnalyzer();
            using var stream = analyzer.GetTokenStream(IndexFields.Text, new StringReader(text));
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
                if (terms.Contains(term.ToString())) matches.Add((offset.StartOffset, offset.EndOffset));
            stream.End();
        }

        var start = matches.Count == 0 ? 0 : Math.Max(0, matches[0].Start - Before);
        if (start > 0 && text.LastIndexOf(' ', start) is var space and > 0 && start - space < 20) start = space + 1;
        var end = Math.Min(text.Length, start + Length);
        var html = new StringBuilder();
        if (start > 0) html.Append('…');
        var position = start;
        foreach (var (s, e) in matches.Where(m => m.Start >= start && m.End <= end))
        {
            html.Append(Encoder.Encode(text[position..s])).Append("<mark>").Append(Encoder.Encode(text[s..e])).Append("</mark>");
            position = e;
        }
        html.Append(Encoder.Encode(text[position..end]));
        if (end < text.Length) html.Append('…');
        return html.ToString();
    }
}
