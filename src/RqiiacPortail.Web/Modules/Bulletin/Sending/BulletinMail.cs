using System.Text;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Bulletin.Sending;

/// <summary>
/// An issue as an e-mail: HTML and plain text, both from the same Markdown. The HTML part is the portal's sanitized
/// rendering in a simple one-column layout whose style sheet PreMailer.Net moves onto each element (mail programs
/// drop &lt;style&gt; blocks); every address relative to the site (a link to a tool, an uploaded image) is made
/// absolute from the configured public address, never from a request. <see cref="UnsubscribeField"/> is filled per
/// recipient by the outbox.
/// </summary>
public sealed class BulletinMail(MarkdownRenderer markdown, PublicUrls urls)
{
    public const string UnsubscribeField = "desabonnement";
    private const string Unsubscribe = "{{" + UnsubscribeField + "}}";

    public static string Subject(BulletinIssue issue) => $"Inter Action Communautaire n° {issue.Number} : {issue.Title}";

    private const string Style = """
        body { margin: 0; padding: 0; background: #f4f4f0; font-family: Arial, Helvetica, sans-serif; color: #1d1d1b; line-height: 1.5; }
        .page { max-width: 640px; margin: 0 auto; background: #ffffff; }
        .masthead { background: #005a70; color: #ffffff; padding: 20px 28px; }
        .masthead p { margin: 0; font-size: 13px; letter-spacing: .04em; text-transform: uppercase; }
        .masthead h1 { margin: 6px 0 0; font-size: 26px; line-height: 1.25; color: #ffffff; }
        .content { padding: 8px 28px 24px; font-size: 16px; }
        .toc { background: #f4f4f0; padding: 12px 20px; border-radius: 6px; }
        .toc h2 { font-size: 15px; margin: 4px 0; }
        .toc ol { margin: 4px 0 4px 20px; padding: 0; }
        h2 { font-size: 21px; color: #005a70; margin: 28px 0 8px; line-height: 1.3; }
        h3 { font-size: 18px; margin: 20px 0 6px; }
        a { color: #005a70; }
        img { max-width: 100%; height: auto; }
        blockquote { margin: 0; padding-left: 12px; border-left: 4px solid #c9c9c2; color: #4a4a48; }
        table { border-collapse: collapse; }
        td, th { border: 1px solid #c9c9c2; padding: 4px 8px; }
        .footer { padding: 16px 28px 24px; font-size: 13px; color: #4a4a48; border-top: 1px solid #c9c9c2; }
        .online { font-size: 13px; margin: 16px 0 0; }
        .network { padding-left: 20px; }
        .network li { margin: 4px 0; }
        .kind { color: #4a4a48; font-size: 13px; text-transform: uppercase; letter-spacing: .03em; }
        """;

    /// <param name="unsubscribe">The link in the footer: the recipient's placeholder, or a fixed one for a test.</param>
    public RenderedMail Render(BulletinIssue issue, string unsubscribe = Unsubscribe)
    {
        var online = urls.Absolute($"/bulletin/{issue.Number}");
        var caption = BulletinArchive.Caption(issue.Number, issue.IssuedOn);
        var e = MailBody.Encoder;
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"fr-CA\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(e.Encode(Subject(issue))).Append("</title><style>").Append(Style).Append("</style></head><body><div class=\"page\">")
            .Append("<div class=\"masthead\"><p>Inter Action Communautaire · ").Append(e.Encode(caption)).Append("</p><h1>")
            .Append(e.Encode(issue.Title)).Append("</h1></div><div class=\"content\">")
            .Append("<p class=\"online\"><a href=\"").Append(e.Encode(online)).Append("\">Lire ce numéro sur le portail</a></p>")
            .Append(Html(issue.Cover));
        var text = new StringBuilder()
            .Append("INTER ACTION COMMUNAUTAIRE · ").Append(caption).Append('\n').Append(issue.Title).Append("\n\n")
            .Append("Lire ce numéro sur le portail : ").Append(online).Append("\n\n")
            .Append(MarkdownMailText.Render(issue.Cover, Absolute)).Append('\n');
        var articles = issue.Articles.OrderBy(a => a.Position).ToList();
        if (articles.Count > 0)
        {
            html.Append("<div class=\"toc\"><h2>Au sommaire</h2><ol>");
            foreach (var a in articles) html.Append("<li>").Append(e.Encode(a.Title)).Append("</li>");
            html.Append("</ol></div>");
            text.Append("AU SOMMAIRE\n");
            foreach (var (a, i) in articles.Select((a, i) => (a, i))) text.Append(i + 1).Append(". ").Append(a.Title).Append('\n');
            text.Append('\n');
        }
        foreach (var a in articles)
        {
            html.Append("<h2>").Append(e.Encode(a.Title)).Append("</h2>").Append(Html(a.Body));
            text.Append(a.Title).Append('\n').Append(new string('=', Math.Min(a.Title.Length, 72))).Append("\n\n")
                .Append(MarkdownMailText.Render(a.Body, Absolute)).Append('\n');
        }
        var network = issue.Network.OrderBy(n => n.Position).ToList();
        if (network.Count > 0)
        {
            html.Append("<h2>Dans le réseau</h2><ul class=\"network\">");
            text.Append("Dans le réseau\n==============\n\n");
            foreach (var n in network)
            {
                html.Append("<li><span class=\"kind\">").Append(e.Encode(n.Kind)).Append("</span> · <a href=\"").Append(e.Encode(urls.Absolute(n.Path))).Append("\">")
                    .Append(e.Encode(n.Title)).Append("</a></li>");
                text.Append("- ").Append(n.Kind).Append(" : ").Append(n.Title).Append(" <").Append(urls.Absolute(n.Path)).Append(">\n");
            }
            html.Append("</ul>");
            text.Append('\n');
        }
        const string footer = "Vous recevez ce bulletin parce que vous vous y êtes abonné. Regroupement québécois des intervenantes et intervenants en action communautaire en CISSS et CIUSSS (RQIIAC).";
        html.Append("</div><div class=\"footer\"><p>").Append(e.Encode(footer)).Append("</p><p><a href=\"").Append(unsubscribe)
            .Append("\">Se désabonner</a> · <a href=\"").Append(e.Encode(urls.Absolute("/bulletin"))).Append("\">Tous les numéros</a></p></div></div></body></html>");
        text.Append("-- \n").Append(footer).Append("\nSe désabonner : ").Append(unsubscribe).Append('\n');

        var inlined = PreMailer.Net.PreMailer.MoveCssInline(html.ToString(), removeStyleElements: false, stripIdAndClassAttributes: true).Html;
        return new RenderedMail(inlined, text.ToString());
    }

    private string Html(string? body) => MailLinks.Absolute(markdown.Render(body).ToString() ?? "", urls.Absolute);

    private string Absolute(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? urls.Absolute(url) : url;
}
