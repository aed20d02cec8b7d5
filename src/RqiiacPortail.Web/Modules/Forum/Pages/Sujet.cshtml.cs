using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

/// <summary>A thread with its replies, a page at a time; replying, « Merci », flags, follows, deleting one's own post.</summary>
[SectionFeature(ForumModule.Feature)]
[EnableRateLimiting(ForumModule.PostingPolicy)]
[OutputCache(PolicyName = PublicPagePolicy.Name)]
[KeptForReaders(Vary = ForumMarks.ThreadVary, Visit = typeof(ForumThreadVisit))]
public sealed class SujetModel(ForumService forum, ForumQueries queries, ForumAccess access, ForumModeration moderation, ISectionContext section,
    ISectionCatalog catalog, ITaxonomy taxonomy, ForumPostHtml html, ForumAuthors authors, ForumPseudonyms pseudonyms) : PageModel
{
    public const int PageSize = 20;

    public ForumThread Thread { get; private set; } = null!;
    public ForumCategory Category { get; private set; } = null!;
    public ForumReader Reader { get; private set; } = ForumReader.Visitor;
    public ForumQueries.PostPage Posts { get; private set; } = null!;
    public int P { get; private set; } = 1;
    public int Pages { get; private set; } = 1;
    public bool Following { get; private set; }

    /// <summary>How far the member had read the thread before this page.</summary>
    private int? LastRead { get; set; }
    public IReadOnlySet<int> Thanked { get; private set; } = new HashSet<int>();
    public IReadOnlySet<int> Flagged { get; private set; } = new HashSet<int>();
    public string? CannotPost { get; private set; }
    public IReadOnlyList<string> Tags { get; private set; } = [];
    public IReadOnlyList<ForumCategory> MoveTargets { get; private set; } = [];
    public IReadOnlyList<PersonalInfoFinding> Findings { get; private set; } = [];
    public string SectionName { get; private set; } = "";

    /// <summary>The post whose flag was refused (its form opens again with the message).</summary>
    public int? FlagRefusedFor { get; private set; }

    /// <summary>A moderator's reveal, shown once on the page that answered it (and written to the log).</summary>
    public (int PostId, string Name)? Revealed { get; private set; }

    public PostInput Input { get; set; } = new();

    public bool CanModerate => Reader.CanModerate(Thread.SectionId);

    /// <summary>One post on this page (the <c>_Post</c> partial's model).</summary>
    public sealed record PostView(SujetModel Page, ForumPost Post);

    /// <summary>
    /// One post of the thread's last page as this reader sees it, actions and their tokens included: a reply arriving
    /// live is fetched this way, so the reader may thank, quote or flag it at once. 404 once it is no longer there.
    /// </summary>
    public async Task<IActionResult> OnGetMessageAsync(string cle, int message, CancellationToken ct)
    {
        if (await LoadAsync(cle, ct, shared: true) is { } refused) return refused;
        await ShowAsync(int.MaxValue, ct);
        // A fragment without the layout: its icons come drawn, not as references to the page's.
        RqiiacPortail.Theme.TagHelpers.IconSprite.DrawInline(HttpContext);
        return Posts.Posts.FirstOrDefault(p => p.Id == message) is { } post ? Partial("_Post", new PostView(this, post)) : NotFound();
    }

    public async Task<IActionResult> OnGetAsync(string cle, int p = 1, int? citer = null, CancellationToken ct = default)
    {
        if (await LoadAsync(cle, ct, shared: true) is { } refused) return refused;
        if (await RedirectHomeAsync(cle) is { } moved) return moved;
        if (citer is { } quoted && await QuoteAsync(quoted, ct) is { } quote) Input.Body = quote;
        await ShowAsync(p, ct);
        if (Reader.UserId is { } me && Posts.Posts.Count > 0)
        {
            var last = Posts.Posts.Max(x => x.Id);
            await forum.MarkReadAsync(me, Thread.Id, last, LastRead, ct);
            KeptMarks.Remember(HttpContext, last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRepondreAsync(string cle, PostInput input, CancellationToken ct)
    {
        if (await LoadAsync(cle, ct) is { } refused) return refused;
        if (!Reader.IsMember) return Forbid();
        Input = input;
        if (await forum.CannotPostAsync(Reader, Category, Thread, ct) is { } why)
        {
            CannotPost = why;
            ModelState.AddModelError("Input.Body", why);
            await ShowAsync(int.MaxValue, ct);
            return Page().WithStatus(Thread.IsLocked ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden);
        }
        if (input.QuotedPostId is { } quoted && await QuoteAsync(quoted, ct) is null) input.QuotedPostId = null;
        await PostChecks.CheckPseudonymAsync(pseudonyms, Reader, Category, Thread, input, ModelState, "Input", ct);
        Findings = PostChecks.Check(input, Category, User, ModelState, "Input", threadsOwn: Thread.Pseudonym);
        ForumPost post;
        try
        {
            if (!ModelState.IsValid) return await RefusedAsync(ct);
            post = await forum.ReplyAsync(Reader, Thread, Category, input.ToDraft(), ct);
        }
        catch (PseudonymTakenException taken)
        {
            // Another person took it in the thread a moment ago.
            ModelState.AddModelError("Input.Pseudonym", taken.Message);
            return await RefusedAsync(ct);
        }
        this.Say(post.Status == PostStatus.Pending
            ? "Réponse reçue : elle paraîtra dès qu'une personne de la modération l'aura approuvée."
            : "Réponse publiée.");
        return LocalRedirect($"{Request.PathBase}/forum/messages/{post.Id}");
    }

    public async Task<IActionResult> OnPostMerciAsync(string cle, int message, CancellationToken ct)
    {
        if (await PostOfThreadAsync(cle, message, ct) is not { } post) return NotFound();
        if (!Reader.IsMember) return Forbid();
        if (!Reader.CanReadText(post, Thread) || post.Status != PostStatus.Published || Reader.IsAuthor(post.AuthorId)) return BadRequest();
        var thanked = await forum.ToggleThanksAsync(post, Reader.UserId!, ct);
        this.Say(thanked ? "Merci envoyé." : "Merci retiré.");
        return Back(post);
    }

    public sealed class FlagInput
    {
        [Required(ErrorMessage = "Dites pourquoi ce message pose problème.")]
        [StringLength(ForumPostFlag.MaxReason, ErrorMessage = "Le motif compte au plus 500 caractères.")]
        public string Reason { get; set; } = "";
    }

    public async Task<IActionResult> OnPostSignalerAsync(string cle, int message, FlagInput signalement, CancellationToken ct)
    {
        if (await PostOfThreadAsync(cle, message, ct) is not { } post) return NotFound();
        if (!Reader.IsMember) return Forbid();
        if (Reader.IsAuthor(post.AuthorId) || post.Status != PostStatus.Published || post.DeletedByAuthor) return BadRequest();
        if (!ModelState.IsValid)
        {
            FlagRefusedFor = post.Id;
            await ShowAsync(await queries.PageOfAsync(Thread, Reader, post.Id, PageSize, ct), ct);
            return Page();
        }
        var added = await forum.FlagAsync(Reader, Category, Thread, post, signalement.Reason, ct);
        this.Say(added ? "Merci : le message est signalé à la modération." : "Vous aviez déjà signalé ce message.");
        return Back(post);
    }

    public async Task<IActionResult> OnPostSupprimerAsync(string cle, int message, CancellationToken ct)
    {
        if (await PostOfThreadAsync(cle, message, ct) is not { } post) return NotFound();
        if (!Reader.IsAuthor(post.AuthorId)) return Forbid();
        if (!post.DeletedByAuthor) await forum.DeleteOwnAsync(Thread, post, ct);
        this.Say("Message supprimé.");
        return Back(post);
    }

    public async Task<IActionResult> OnPostSuivreAsync(string cle, bool suivre, CancellationToken ct)
    {
        if (await LoadAsync(cle, ct) is { } refused) return refused;
        if (!Reader.IsMember) return Forbid();
        await forum.SetFollowingAsync(Reader.UserId!, Thread.Id, suivre, ct);
        this.Say(suivre ? "Vous suivez ce sujet : chaque nouvelle réponse vous sera signalée." : "Vous ne suivez plus ce sujet.");
        return LocalRedirect($"{Request.PathBase}/forum/sujets/{Thread.Id}");
    }

    public async Task<IActionResult> OnPostRevelerAsync(string cle, int message, string? motif, CancellationToken ct)
    {
        if (await PostOfThreadAsync(cle, message, ct) is not { } post) return NotFound();
        if (!CanModerate) return Forbid();
        if (post.Pseudonym is null) return BadRequest();
        var page = await queries.PageOfAsync(Thread, Reader, post.Id, PageSize, ct);
        if (string.IsNullOrWhiteSpace(motif) || motif.Length > 500)
        {
            ModelState.AddModelError($"motif-{post.Id}", "Donnez le motif de la levée du pseudonyme (500 caractères au plus) : il est inscrit au journal.");
            await ShowAsync(page, ct);
            return Page();
        }
        Revealed = (post.Id, await moderation.RevealAsync(User, Thread, post, motif, ct));
        await ShowAsync(page, ct);
        // The name is in this answer only: never kept by a cache, nor by the browser.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public string Html(ForumPost post) => html.Of(post.Id, post.Body);

    /// <summary>The user name others mention the author by (@…), never for a pseudonymous post.</summary>
    public string? Handle(ForumPost post) => Posts.Names.UserName(post.AuthorId, post.Pseudonym);

    public string Author(ForumPost post) => Posts.Names.Label(post.AuthorId, post.Pseudonym);

    /// <summary>The reply form, filled with a quote of <paramref name="postId"/>, on the page being read.</summary>
    public string QuoteLink(int postId) => $"{LinkToPage(P)}{(P <= 1 ? "?" : "&")}citer={postId}#repondre";

    public string LinkToPage(int page) => page <= 1 ? $"{Request.PathBase}/forum/sujets/{Key}" : $"{Request.PathBase}/forum/sujets/{Key}?p={page}";

    public string Key => IdSlugConstraint.Key(Thread.Id, Thread.Title);

    /// <param name="shared">Reading only: the thread from the forum's copy in memory (handlers that change it load their own).</param>
    private async Task<IActionResult?> LoadAsync(string cle, CancellationToken ct, bool shared = false)
    {
        var id = IdSlugConstraint.Id(cle);
        if (await (shared ? queries.ThreadSnapshotAsync(id, ct) : forum.ThreadAsync(id, ct)) is not { } thread) return this.NotForThisReader();
        Thread = thread;
        // From the categories' copy; from the database when a category this instance has not heard of yet holds it.
        Category = (await queries.AllCategoriesAsync(ct)).FirstOrDefault(c => c.Id == thread.CategoryId)
            ?? (await forum.CategoryAsync(thread.CategoryId, ct))!;
        Reader = await access.ReaderAsync(User);
        // What the reader may not see does not exist for them: a visitor is asked to sign in, known or not.
        if (!Reader.CanSee(thread)) return this.NotForThisReader();
        if (!Reader.CanRead(Category)) return await this.NotReadableAsync(Reader, Category, "Ce sujet est réservé", catalog, ct);
        return null;
    }

    private async Task<ForumPost?> PostOfThreadAsync(string cle, int postId, CancellationToken ct)
    {
        if (await LoadAsync(cle, ct) is not null) return null;
        var post = await forum.PostAsync(postId, ct);
        return post is not null && post.ThreadId == Thread.Id && Reader.CanSee(post, Thread) ? post : null;
    }

    /// <summary>
    /// A region's thread has one address, under its region's prefix; a national one is read under any prefix (a
    /// region's forum shows the network's categories too, in the region's look).
    /// </summary>
    private async Task<IActionResult?> RedirectHomeAsync(string cle)
    {
        var home = await catalog.FindAsync(Thread.SectionId);
        return home is { IsNational: false } && home.Id != section.Current.Id
            ? RedirectPermanent($"{home.PathPrefix}/forum/sujets/{cle}{Request.QueryString}") : null;
    }

    /// <summary>The quoted post as a Markdown quote, when the reader may read it.</summary>
    private async Task<string?> QuoteAsync(int postId, CancellationToken ct)
    {
        var quoted = await forum.PostAsync(postId, ct);
        if (quoted is null || quoted.ThreadId != Thread.Id || !Reader.CanReadText(quoted, Thread)) return null;
        Input.QuotedPostId = quoted.Id;
        var who = (await authors.ForAsync([(quoted.AuthorId, quoted.Pseudonym)], ct)).Label(quoted.AuthorId, quoted.Pseudonym);
        // The name as text, never as markup: a name is not Markdown.
        return $"> **{MarkdownText.Escape(who)}** a écrit :\n" + string.Join('\n', quoted.Body.ReplaceLineEndings("\n").Split('\n').Select(l => "> " + l)) + "\n\n";
    }

    /// <summary>The thread's last page again, with the form and its French messages.</summary>
    private async Task<IActionResult> RefusedAsync(CancellationToken ct)
    {
        await ShowAsync(int.MaxValue, ct);
        return Page();
    }

    private IActionResult Back(ForumPost post) => LocalRedirect($"{Request.PathBase}/forum/messages/{post.Id}");

    private async Task ShowAsync(int page, CancellationToken ct)
    {
        Posts = await queries.PostsAsync(Thread, Reader, page, PageSize, ownUnpublished: false, ct);
        if (Reader.UserId is { } me)
        {
            // A member with a post waiting in the thread gets a page read for them.
            var marks = await queries.MarksAsync(me, Thread, ct);
            if (marks.OwnUnpublished && !CanModerate) Posts = await queries.PostsAsync(Thread, Reader, page, PageSize, ownUnpublished: true, ct);
            (Thanked, Flagged, Following, LastRead) = (marks.Thanked, marks.Flagged, marks.Following, marks.LastRead);
            if (Reader.IsMember)
                CannotPost ??= ForumService.CannotPostHere(Reader, Category, Thread) ?? (marks.Suspended ? await forum.SuspendedAsync(Reader, Category, ct) : null);
        }
        (P, Pages) = (Posts.Page, Posts.Pages);
        var chosen = Thread.Terms.Select(t => t.TermId).ToHashSet();
        Tags = (await taxonomy.GetAllAsync(ct)).SelectMany(v => v.Terms).Where(t => chosen.Contains(t.Id)).Select(t => t.Name).ToList();
        SectionName = (await catalog.FindAsync(Thread.SectionId, ct))?.Name ?? "";
        if (CanModerate)
        {
            var national = (await catalog.GetAllAsync(ct)).First(s => s.IsNational).Id;
            MoveTargets = (await queries.AllCategoriesAsync(ct)).Where(c => c.Id != Category.Id && Reader.CanMoveTo(c, national)).ToList();
        }
    }
}
