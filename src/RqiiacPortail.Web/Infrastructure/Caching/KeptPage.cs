using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// What a page made for one reader leaves for the next of the same kind: its title, body and sections, with holes
/// where the first reader's own things stood (their form token, their marks: « nouveau » on a thread they have not
/// read, « Ne plus suivre »), filled for each reader as they are given the page; and the icons it draws.
/// </summary>
/// <param name="Remembered">What the page asked to be given back when a reader gets the copy (<see cref="IKeptPageVisit"/>).</param>
public sealed record KeptPage(string? Title, KeptText Head, KeptText Body, KeptText Scripts, IReadOnlyCollection<string> Icons, string? Remembered = null)
{
    /// <summary>Roughly what the copy takes in memory, in bytes.</summary>
    public long Size => Head.Size + Body.Size + Scripts.Size + 2L * (Title?.Length ?? 0) + 512;

    private ILookup<string, string>? _marks;

    /// <summary>The marks the copy's holes ask of each reader, with their keys (worked out once per copy).</summary>
    public ILookup<string, string> Marks => _marks ??= new[] { Head, Body, Scripts }.SelectMany(t => t.Holes).Where(h => h.Mark is not null)
        .Select(h => (h.Mark!, h.Key)).Distinct().ToLookup(h => h.Item1, h => h.Item2);
}

/// <summary>A reader's own thing in a kept page: a mark that holds or not for them (<see cref="On"/> or <see cref="Off"/>), or their form token (no mark).</summary>
public sealed record KeptHole(string? Mark, string Key, string On, string Off);

/// <summary>Kept HTML: literal runs between holes (one more run than holes).</summary>
public sealed class KeptText(IReadOnlyList<string> runs, IReadOnlyList<KeptHole> holes)
{
    public static readonly KeptText Empty = new([""], []);

    public IReadOnlyList<KeptHole> Holes { get; } = holes;

    public long Size => 2L * runs.Sum(r => r.Length) + 64L * Holes.Count;

    /// <summary>The text for one reader: their token, and for each mark whether it holds for them.</summary>
    public IHtmlContent For(string? token, Func<KeptHole, bool> holds) => new Filled(runs, Holes, token, holds);

    private sealed class Filled(IReadOnlyList<string> runs, IReadOnlyList<KeptHole> holes, string? token, Func<KeptHole, bool> holds) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            for (var i = 0; i < holes.Count; i++)
            {
                writer.Write(runs[i]);
                var hole = holes[i];
                writer.Write(hole.Mark is null ? token : holds(hole) ? hole.On : hole.Off);
            }
            writer.Write(runs[^1]);
        }
    }
}

/// <summary>
/// A page being made for a reader while nothing is kept for their kind: the layout hands its parts here, and the
/// page's personal marks (<see cref="KeptMarks.Mark"/>) leave holes in them.
/// </summary>
internal sealed class KeptCapture(string key, TimeSpan lifetime, string? token, HtmlEncoder encoder)
{
    private static readonly object ItemKey = new();
    private static readonly KeptHole TokenHole = new(null, "", "", "");
    // A hole's place in the written HTML: its number between private-use characters and this page's own random
    // word, which nothing a member writes can guess.
    private readonly string _open = "\uE000" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)) + ":";
    private const char Close = '\uE001';
    private readonly Dictionary<string, KeptText> _parts = [];
    private readonly List<(KeptHole Hole, bool Holds)> _holes = [];

    public string Key { get; } = key;

    public TimeSpan Lifetime { get; } = lifetime;

    public string? Title { get; set; }

    /// <summary>What the page needs again when a reader gets the copy (the last post they will have seen).</summary>
    public string? Remembered { get; set; }

    public static KeptCapture? Of(HttpContext? context) => context?.Items[ItemKey] as KeptCapture;

    public void Start(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>A mark of this reader's: kept as a hole, written here as it holds for them.</summary>
    public IHtmlContent Hole(string mark, string key, bool holds, IHtmlContent on, IHtmlContent off)
    {
        _holes.Add((new KeptHole(mark, key, Write(on), Write(off)), holds));
        return new HtmlString($"{_open}{_holes.Count - 1}{Close}");
    }

    /// <summary>Keeps the part with its holes, and writes it for this reader.</summary>
    public IHtmlContent Take(string part, IHtmlContent? content)
    {
        if (content is null) return HtmlString.Empty;
        var html = Write(content);
        if (!string.IsNullOrEmpty(token)) html = html.Replace(token, $"{_open}t{Close}", StringComparison.Ordinal);
        var runs = new List<string>();
        var holes = new List<KeptHole>();
        var holding = new HashSet<KeptHole>(ReferenceEqualityComparer.Instance);
        var from = 0;
        for (var at = html.IndexOf(_open, StringComparison.Ordinal); at >= 0; at = html.IndexOf(_open, from, StringComparison.Ordinal))
        {
            var end = html.IndexOf(Close, at);
            var name = html.AsSpan(at + _open.Length, end - at - _open.Length);
            runs.Add(html[from..at]);
            if (name is "t") holes.Add(TokenHole);
            else
            {
                var (hole, holds) = _holes[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)];
                holes.Add(hole);
                if (holds) holding.Add(hole);
            }
            from = end + 1;
        }
        runs.Add(html[from..]);
        var kept = _parts[part] = new KeptText(runs, holes);
        return kept.For(token, holding.Contains);
    }

    /// <summary>The page as made, or null when the layout did not hand its body (a page without it).</summary>
    public KeptPage? Page(IReadOnlyCollection<string> icons) => _parts.TryGetValue("Body", out var body)
        ? new KeptPage(Title, _parts.GetValueOrDefault("Head", KeptText.Empty), body, _parts.GetValueOrDefault("Scripts", KeptText.Empty), icons, Remembered)
        : null;

    private string Write(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, encoder);
        return writer.ToString();
    }
}
