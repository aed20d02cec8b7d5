using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace RqiiacPortail.Web.Infrastructure.Text;

/// <summary>
/// A text's HTML, rendered and sanitized once and kept while the text stays the same: HtmlSanitizer was most of a
/// signed-in forum page. The text is kept with the HTML and compared, so an edit (or an erasure) is never shown
/// stale, on any instance. Keys name what the text is (« forum:12 », « evenement:3 »).
/// </summary>
public sealed class RenderedMarkdown(MarkdownRenderer markdown, IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    public string Of(string key, string body)
    {
        if (cache.TryGetValue(key, out (string Body, string Html) kept) && string.Equals(kept.Body, body, StringComparison.Ordinal)) return kept.Html;
        var html = markdown.Render(body).ToString() ?? "";
        cache.Set(key, (body, html), Keep);
        return html;
    }

    public IHtmlContent Html(string key, string body) => new HtmlString(Of(key, body));
}
