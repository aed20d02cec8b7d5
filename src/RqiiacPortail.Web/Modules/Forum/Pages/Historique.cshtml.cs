using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

/// <summary>A post's edit history, for the moderators of its section.</summary>
[Authorize]
public sealed class HistoriqueModel(ForumService forum, ForumModeration moderation, ForumAccess access, MarkdownRenderer markdown) : PageModel
{
    public ForumPost Post { get; private set; } = null!;
    public ForumThread Thread { get; private set; } = null!;
    public IReadOnlyList<ForumPostRevision> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await forum.PostAsync(id, ct) is not { } post || await forum.ThreadAsync(post.ThreadId, ct) is not { } thread) return NotFound();
        var reader = await access.ReaderAsync(User);
        // A post the reader may not read answers as an unknown one; one they read, but do not moderate, is refused.
        if (!reader.CanSee(thread) || !reader.CanSee(post, thread) || await forum.CategoryAsync(thread.CategoryId, ct) is not { } category || !reader.CanRead(category))
            return NotFound();
        if (!reader.CanModerate(thread.SectionId)) return Forbid();
        (Post, Thread) = (post, thread);
        Revisions = await moderation.HistoryAsync(post, ct);
        return Page();
    }

    public string Html(string body) => markdown.Render(body).ToString() ?? "";
}
