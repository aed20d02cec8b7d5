using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// What a page made for one reader leaves for the next of the same kind: its title, body and sections as HTML, the
/// icons they draw, and a mark where the first reader's form token stood (each reader gets their own in its place).
/// </summary>
public sealed record KeptPage(string? Title, string Head, string Body, string Scripts, IReadOnlyCollection<string> Icons)
{
    /// <summary>Stands where a form token was: no token, encoded or not, can contain it.</summary>
    private const string TokenMark = "%%jeton-du-lecteur%%";

    /// <summary>Roughly what the copy takes in memory, in bytes.</summary>
    public long Size => 2L * (Head.Length + Body.Length + Scripts.Length + (Title?.Length ?? 0)) + 512;

    /// <summary>The copy as it may be kept: the reader's token, wherever it appears, becomes the mark.</summary>
    public KeptPage WithoutToken(string? token) => string.IsNullOrEmpty(token) ? this
        : this with { Head = Head.Replace(token, TokenMark, StringComparison.Ordinal), Body = Body.Replace(token, TokenMark, StringComparison.Ordinal),
            Scripts = Scripts.Replace(token, TokenMark, StringComparison.Ordinal) };

    /// <summary>The copy for this reader: their token in place of the mark.</summary>
    public KeptPage For(string? token) => this with
    {
        Head = Head.Replace(TokenMark, token ?? "", StringComparison.Ordinal),
        Body = Body.Replace(TokenMark, token ?? "", StringComparison.Ordinal),
        Scripts = Scripts.Replace(TokenMark, token ?? "", StringComparison.Ordinal),
    };
}

/// <summary>A page being made for a reader while nothing is kept for their kind: the layout hands its parts here.</summary>
internal sealed class KeptCapture(string key, TimeSpan lifetime, HtmlEncoder encoder)
{
    private static readonly object ItemKey = new();
    private readonly Dictionary<string, string> _parts = [];

    public string Key { get; } = key;

    public TimeSpan Lifetime { get; } = lifetime;

    public string? Title { get; set; }

    public static KeptCapture? Of(HttpContext? context) => context?.Items[ItemKey] as KeptCapture;

    public void Start(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>Writes the part once, as the response will carry it, and remembers it.</summary>
    public IHtmlContent Take(string part, IHtmlContent? content)
    {
        if (content is null) return HtmlString.Empty;
        using var writer = new StringWriter();
        content.WriteTo(writer, encoder);
        var html = writer.ToString();
        _parts[part] = html;
        return new HtmlString(html);
    }

    /// <summary>The page as made, or null when the layout did not hand its body (a page without it).</summary>
    public KeptPage? Page(IReadOnlyCollection<string> icons) => _parts.TryGetValue("Body", out var body)
        ? new KeptPage(Title, _parts.GetValueOrDefault("Head", ""), body, _parts.GetValueOrDefault("Scripts", ""), icons)
        : null;
}
