using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>
/// The plain-text part of an e-mail written in Markdown (the bulletin, an announcement): the same words as the HTML
/// part, marks taken off but their meaning kept — headings underlined, lists and quotes prefixed, every link's
/// address written out after its text (an address relative to the site made absolute by the caller).
/// </summary>
public static class MarkdownMailText
{
    public static string Render(string? markdown, Func<string, string> absolute)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        if (MarkdownRenderer.Check(markdown) is not null) return markdown.Trim();
        var text = new StringBuilder();
        foreach (var block in Markdown.Parse(markdown, MarkdownRenderer.Pipeline)) Block(block, text, absolute);
        return text.ToString().TrimEnd() + "\n";
    }

    private static void Block(Block block, StringBuilder text, Func<string, string> absolute)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var title = Inline(heading.Inline, absolute);
                text.Append(title).Append('\n').Append(new string(heading.Level <= 2 ? '=' : '-', Math.Min(title.Length, 72))).Append("\n\n");
                break;
            case ParagraphBlock paragraph:
                text.Append(Inline(paragraph.Inline, absolute)).Append("\n\n");
                break;
            case QuoteBlock quote:
                text.Append(Prefixed(Children(quote, absolute), "> ", "> ")).Append("\n\n");
                break;
            case ListBlock list:
                var n = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var marker = list.IsOrdered ? $"{n++}. " : "- ";
                    text.Append(Prefixed(Children(item, absolute), marker, new string(' ', marker.Length))).Append('\n');
                }
                text.Append('\n');
                break;
            case ThematicBreakBlock:
                text.Append("----\n\n");
                break;
            case CodeBlock code:
                text.Append(code.Lines.ToString()).Append("\n\n");
                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                    text.Append(string.Join(" | ", row.OfType<TableCell>().Select(c => Children(c, absolute).Trim()))).Append('\n');
                text.Append('\n');
                break;
            case ContainerBlock container:
                foreach (var child in container) Block(child, text, absolute);
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                text.Append(Inline(leaf.Inline, absolute)).Append("\n\n");
                break;
        }
    }

    private static string Children(ContainerBlock container, Func<string, string> absolute)
    {
        var text = new StringBuilder();
        foreach (var child in container) Block(child, text, absolute);
        return text.ToString().TrimEnd();
    }

    private static string Prefixed(string text, string first, string rest) =>
        string.Join('\n', text.Split('\n').Select((line, i) => (i == 0 ? first : rest) + line).Select(l => l.TrimEnd()));

    private static string Inline(ContainerInline? inlines, Func<string, string> absolute)
    {
        if (inlines is null) return "";
        var text = new StringBuilder();
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline: text.Append('\n'); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.ToString()); break;
                case AutolinkInline auto: text.Append(auto.IsEmail ? auto.Url : absolute(auto.Url)); break;
                case LinkInline { IsImage: true } image:
                    text.Append("[Image : ").Append(Inline(image, absolute) is { Length: > 0 } alt ? alt : "sans description").Append(']');
                    break;
                case LinkInline link:
                    var label = Inline(link, absolute);
                    var url = link.Url is { Length: > 0 } u ? absolute(u) : "";
                    text.Append(label);
                    if (url.Length > 0 && label != url && label != link.Url) text.Append(" <").Append(url).Append('>');
                    break;
                case ContainerInline container: text.Append(Inline(container, absolute)); break;
            }
        }
        return text.ToString();
    }
}
