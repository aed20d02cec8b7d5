using System.ComponentModel.DataAnnotations;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>
/// Markdown written by people becomes HTML only through here: Markdig, then HtmlSanitizer. Text the parser
/// cannot take (too deeply nested) is refused at input by <see cref="Check"/>; whatever slipped in before is
/// shown as plain text, so rendering never throws into a page or the search indexer.
/// </summary>
public sealed class MarkdownRenderer(ILogger<MarkdownRenderer> logger)
{
    /// <summary>Quotes, lists and emphasis nested deeper than this are refused: no real text needs more.</summary>
    public const int MaxDepth = 16;

    // The extensions people use in summaries; not generic attributes ({style=…} drew page-wide overlays), not
    // automatic heading ids (a heading « Contenu » would take the skip link's target), not media embeds.
    internal static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    public IHtmlContent Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return HtmlString.Empty;
        try
        {
            return new HtmlString(_sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            logger.LogWarning(e, "Markdown illisible ({Length} caractères) affiché comme texte brut.", markdown.Length);
            return new HtmlString("<p>" + System.Net.WebUtility.HtmlEncode(markdown) + "</p>");
        }
    }

    /// <summary>The words a reader sees, without the marks (for the search index and its snippets).</summary>
    public string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        try
        {
            return Markdown.ToPlainText(markdown, Pipeline).Trim();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            logger.LogWarning(e, "Markdown illisible ({Length} caractères) indexé comme texte brut.", markdown.Length);
            return markdown.Trim();
        }
    }

    /// <summary>The beginning of the plain text, cut after a whole word, for lists of cards.</summary>
    public string Excerpt(string? markdown, int length = 160)
    {
        var text = ToPlainText(markdown).ReplaceLineEndings(" ");
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)].TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    /// <returns>A French explanation when this Markdown would not render (too deeply nested), or null.</returns>
    public static string? Check(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return null;
        const string tooDeep = "Ce texte imbrique trop de citations, de listes ou de mises en forme (au plus 16 niveaux) : simplifiez-le.";
        try
        {
            return Depth(Markdown.Parse(markdown, Pipeline)) > MaxDepth ? tooDeep : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InsufficientExecutionStackException)
        {
            return tooDeep;
        }
    }

    /// <summary>
    /// The levels a reader sees: each quote, each list, each emphasis or link inside another. The document and a
    /// paragraph's run of text are no level, nor is a list's item (its list is): 16 quotes deep is 16, as the
    /// message says. The parser itself stops far deeper than MaxDepth, so this walk stays shallow.
    /// </summary>
    private static int Depth(MarkdownObject node) => node switch
    {
        MarkdownDocument document => Deepest(document),
        ListItemBlock item => Deepest(item),
        ContainerBlock container => 1 + Deepest(container),
        LeafBlock { Inline: { } inline } => inline.Select(i => Depth(i)).DefaultIfEmpty(0).Max(),
        ContainerInline inlines => 1 + inlines.Select(i => Depth(i)).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static int Deepest(ContainerBlock container) => container.Select(Depth).DefaultIfEmpty(0).Max();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // No styling or naming from authors: no overlays, no borrowed classes, no ids clobbering the page's own.
        sanitizer.AllowedAttributes.ExceptWith(["style", "class", "id", "name"]);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            // Links written by members open normally but carry no referrer or opener rights.
            if (e.Node is AngleSharp.Html.Dom.IHtmlAnchorElement a && a.HasAttribute("href"))
                a.SetAttribute("rel", "nofollow noopener noreferrer");
            // A remote image is a tracking pixel on every reader: shown as a link to it instead.
            if (e.Node is AngleSharp.Html.Dom.IHtmlImageElement img && IsRemote(img.GetAttribute("src")))
            {
                var link = img.Owner!.CreateElement("a");
                link.SetAttribute("href", img.GetAttribute("src")!);
                link.SetAttribute("rel", "nofollow noopener noreferrer");
                link.TextContent = "Image : " + (string.IsNullOrWhiteSpace(img.AlternativeText) ? img.GetAttribute("src") : img.AlternativeText);
                img.Replace(link);
            }
        };
        return sanitizer;
    }

    private static bool IsRemote(string? src) =>
        src is null || !src.StartsWith('/') || src.StartsWith("//", StringComparison.Ordinal) || src.StartsWith("/\\", StringComparison.Ordinal);
}

/// <summary>Refuses Markdown the renderer could not take, with the French message next to the field.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MarkdownAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext context) =>
        MarkdownRenderer.Check(value as string) is { } problem
            ? new ValidationResult(problem, context.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}

public static partial class MarkdownText
{
    [System.Text.RegularExpressions.GeneratedRegex(@"([\\`*_{}\[\]()#+\-.!<>|~])")]
    private static partial System.Text.RegularExpressions.Regex Special();

    /// <summary>Text put into Markdown as it is (a name inside a quote): every mark escaped, so none takes effect.</summary>
    public static string Escape(string text) => Special().Replace(text, @"\$1");
}
