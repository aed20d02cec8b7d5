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
