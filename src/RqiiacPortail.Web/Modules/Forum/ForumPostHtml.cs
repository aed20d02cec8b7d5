using Microsoft.Extensions.Caching.Memory;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// A post's HTML, rendered and sanitized once and kept while its text stays the same: a page of twenty posts
/// spent most of a signed-in view in HtmlSanitizer. The text is kept with the HTML and compared, so an edit (or an
/// erasure) is never shown stale, on any instance.
/// </summary>
public sealed class ForumPostHtml(MarkdownRenderer markdown, IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions Keep = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    public string Of(int postId, string body)
    {
        var key = $"forum:html:{postId}";
        if (cache.TryGetValue(key, out (string Body, string Html) kept) && string.Equals(kept.Body, body, StringComparison.Ordinal)) return kept.Html;
        var html = markdown.Render(body).ToString() ?? "";
        cache.Set(key, (body, html), Keep);
        return html;
    }
}
