using System.Text;
using System.Text.Encodings.Web;

namespace RqiiacPortail.Web.Infrastructure.Mail;

public sealed record RenderedMail(string Html, string Text);

/// <summary>
/// Builds a French message in the portal's layout, as HTML and plain text at once. Every piece of text is
/// encoded here, so callers pass plain strings.
/// </summary>
public sealed class MailBody(string title)
{
    internal static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private readonly List<(string Kind, string Text, string? Url)> _blocks = [];

    public MailBody Paragraph(string text) { _blocks.Add(("p", text, null)); return this; }

    public MailBody Quote(string text) { _blocks.Add(("quote", text, null)); return this; }

    public MailBody Action(string label, string url) { _blocks.Add(("action", label, url)); return this; }

    /// <summary>Markdown already rendered and sanitized (its links absolute), with the same words as plain text.</summary>
    public MailBody Markdown(string sanitizedHtml, string text) { _blocks.Add(("html", text, sanitizedHtml)); return this; }

    public RenderedMail Render()
    {
        var enc = Encoder;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"fr-CA\"><head><meta charset=\"utf-8\"><title>")
            .Append(enc.Encode(title)).Append("</title></head>")
            .Append("<body style=\"margin:0;background:#f4f4f0;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b\">")
            .Append("<div style=\"max-width:600px;margin:0 auto;background:#fff;padding:24px\">")
            .Append("<p style=\"font-size:14px;color:#555\">Portail RQIIAC</p>")
            .Append("<h1 style=\"font-size:22px\">").Append(enc.Encode(title)).Append("</h1>");
        var text = new StringBuilder().Append(title).Append("\n\n");

        foreach (var (kind, value, url) in _blocks)
        {
            switch (kind)
            {
                case "p":
                    html.Append("<p>").Append(enc.Encode(value)).Append("</p>");
                    text.Append(value).Append("\n\n");
                    break;
                case "quote":
                    html.Append("<blockquote style=\"border-left:4px solid #ccc;margin:0;padding-left:12px\">").Append(enc.Encode(value)).Append("</blockquote>");
                    text.Append("> ").Append(value.Replace("\n", "\n> ")).Append("\n\n");
                    break;
                case "html":
                    html.Append("<div>").Append(url).Append("</div>");
                    text.Append(value.TrimEnd()).Append("\n\n");
                    break;
                case "action":
                    html.Append("<p><a href=\"").Append(enc.Encode(url!)).Append("\" style=\"display:inline-block;background:#005a70;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px\">")
                        .Append(enc.Encode(value)).Append("</a></p>");
                    text.Append(value).Append(" : ").Append(url).Append("\n\n");
                    break;
            }
        }

        const string footer = "Regroupement québécois des intervenantes et intervenants en action communautaire en CISSS et CIUSSS.";
        html.Append("<hr><p style=\"font-size:12px;color:#555\">").Append(enc.Encode(footer)).Append("</p></div></body></html>");
        text.Append("-- \n").Append(footer).Append('\n');
        return new RenderedMail(html.ToString(), text.ToString());
    }
}
