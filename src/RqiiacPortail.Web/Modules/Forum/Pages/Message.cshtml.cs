using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

/// <summary>A post's permalink: opens its thread at the page it is on, for this reader, under the thread's own section.</summary>
[SectionFeature(ForumModule.Feature)]
public sealed class MessageModel(ForumService forum, ForumQueries queries, ForumAccess access, ISectionCatalog catalog) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await forum.PostAsync(id, ct) is not { } post || await forum.ThreadAsync(post.ThreadId, ct) is not { } thread) return this.NotForThisReader();
        var category = (await forum.CategoryAsync(thread.CategoryId, ct))!;
        var reader = await access.ReaderAsync(User);
        if (!reader.CanSee(thread) || !reader.CanSee(post, thread) || !reader.CanRead(category)) return this.NotForThisReader();
        var page = await queries.PageOfAsync(thread, reader, post.Id, SujetModel.PageSize, ct);
        var home = await catalog.FindAsync(thread.SectionId, ct);
        var key = Infrastructure.Web.IdSlugConstraint.Key(thread.Id, thread.Title);
        var prefix = home is { IsNational: false } ? home.PathPrefix : Request.PathBase.Value;
        return Redirect($"{prefix}/forum/sujets/{key}{(page > 1 ? $"?p={page}" : "")}#message-{post.Id}");
    }
}
