using Ganss.Xss;
using Markdig;
using Microsoft.AspNetCore.Html;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>Markdown written by people becomes HTML only through here: Markdig, then HtmlSanitizer.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public IHtmlContent Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        var html = Markdown.ToHtml(markdown, _pipeline);
        return new HtmlString(_sanitizer.Sanitize(html));
    }

    /// <summary>The words a reader sees, without the marks (for the search index and its snippets).</summary>
    public string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, _pipeline).Trim();

    /// <summary>The beginning of the plain text, cut after a whole word, for lists of cards.</summary>
    public string Excerpt(string? markdown, int length = 160)
    {
        var text = ToPlainText(markdown).ReplaceLineEndings(" ");
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)].TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Links written by members open normally but carry no referrer or opener rights.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a && a.HasAttribute("href"))
                a.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return sanitizer;
    }
}
