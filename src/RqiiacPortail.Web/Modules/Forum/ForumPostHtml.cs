using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>A post's HTML, rendered once and kept while its text stays the same (<see cref="RenderedMarkdown"/>).</summary>
public sealed class ForumPostHtml(RenderedMarkdown rendered)
{
    public string Of(int postId, string body) => rendered.Of($"forum:html:{postId}", body);
}
