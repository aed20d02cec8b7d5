using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

/// <summary>A category's threads: pinned first, then by latest activity, with an unread marker for the signed-in member.</summary>
[SectionFeature(ForumModule.Feature)]
[EnableRateLimiting(ForumModule.PostingPolicy)]
[OutputCache(PolicyName = PublicPagePolicy.Name)]
[KeptForReaders(Vary = ForumMarks.CategoryVary)]
public sealed class CategorieModel(ForumService forum, ForumQueries queries, ForumAccess access, ISectionContext section, ISectionCatalog catalog) : PageModel
{
    public const int PageSize = 25;

    public ForumCategory Category { get; private set; } = null!;
    public ForumReader Reader { get; private set; } = ForumReader.Visitor;
    public IReadOnlyList<ForumQueries.ThreadRow> Threads { get; private set; } = [];
    public int Total { get; private set; }
    public int P { get; private set; } = 1;
    public int Pages { get; private set; } = 1;
    public bool Following { get; private set; }

    /// <summary>The reader may start a thread here, their own suspension aside (<see cref="Suspended"/>).</summary>
    public bool MayStart { get; private set; }
    public bool Suspended { get; private set; }

    public async Task<IActionResult> OnGetAsync(string categorie, int p = 1, CancellationToken ct = default)
    {
        if (await LoadAsync(categorie, ct) is { } refused) return refused;
        var home = await catalog.FindAsync(Category.SectionId, ct);
        // A region's category under its region's prefix; a national one under any (see the thread page).
        if (home is { IsNational: false } && home.Id != section.Current.Id)
            return RedirectPermanent($"{home.PathPrefix}/forum/{Category.Slug}{Request.QueryString}");
        var list = await queries.ThreadsAsync(Category, Reader, p, PageSize, ct);
        (Threads, Total, P, Pages) = (list.Rows, list.Total, list.Page, list.Pages);
        if (list.Marks is { } marks)
        {
            Following = marks.Following;
            MayStart = Reader.IsMember && ForumService.CannotPostHere(Reader, Category, null) is null;
            Suspended = marks.Suspended;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSuivreAsync(string categorie, bool suivre, CancellationToken ct)
    {
        if (await LoadAsync(categorie, ct) is { } refused) return refused;
        if (!Reader.IsMember) return Forbid();
        await forum.SetFollowingCategoryAsync(Reader.UserId!, Category.Id, suivre, ct);
        this.Say(suivre ? "Vous suivez cette catégorie : chaque nouveau message vous sera signalé." : "Vous ne suivez plus cette catégorie.");
        return LocalRedirect($"{Request.PathBase}/forum/{Category.Slug}");
    }

    public string LinkToPage(int page) => page <= 1 ? $"{Request.PathBase}/forum/{Category.Slug}" : $"{Request.PathBase}/forum/{Category.Slug}?p={page}";

    private async Task<IActionResult?> LoadAsync(string slug, CancellationToken ct)
    {
        if ((await queries.AllCategoriesAsync(ct)).FirstOrDefault(c => c.Slug == slug) is not { } category) return this.NotForThisReader();
        Category = category;
        Reader = await access.ReaderAsync(User);
        if (!Reader.CanRead(category)) return await this.NotReadableAsync(Reader, category, $"La catégorie « {category.Name} » est réservée", catalog, ct);
        return null;
    }
}
