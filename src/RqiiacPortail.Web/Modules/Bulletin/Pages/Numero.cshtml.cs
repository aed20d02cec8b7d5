using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>One issue: its cover text, its contents, its articles. A draft is the board's alone (404 for anyone else).</summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.Caching.PublicPagePolicy.Name)]
[Infrastructure.Caching.KeptForReaders]
public sealed class NumeroModel(BulletinArchive archive, RenderedMarkdown markdown) : PageModel
{
    public BulletinIssue Issue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int numero, CancellationToken ct)
    {
        if (await archive.IssueAsync(User, numero, ct) is not { } issue) return NotFound();
        Issue = issue;
        return Page();
    }

    public IHtmlContent Cover => new HtmlString(markdown.Of($"bulletin:{Issue.Id}:couverture", Issue.Cover));

    public IHtmlContent Body(BulletinArticle article) => new HtmlString(markdown.Of($"bulletin:article:{article.Id}", article.Body));
}
