using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

/// <summary>Its author edits a post (and the title, for a thread's first post); the text it had stays for moderators.</summary>
[Authorize]
[SectionFeature(ForumModule.Feature)]
[EnableRateLimiting(ForumModule.PostingPolicy)]
public sealed class ModifierModel(ForumService forum, ForumAccess access) : PageModel
{
    public sealed class EditInput : PostInput
    {
        [StringLength(200, ErrorMessage = "Le titre compte au plus 200 caractères.")]
        [SingleLine]
        public string? Title { get; set; }
    }

    [BindProperty]
    public EditInput Input { get; set; } = new();

    public ForumPost Post { get; private set; } = null!;
    public ForumThread Thread { get; private set; } = null!;
    public ForumCategory Category { get; private set; } = null!;
    public IReadOnlyList<PersonalInfoFinding> Findings { get; private set; } = [];
    private ForumReader Reader { get; set; } = ForumReader.Visitor;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input = new EditInput { Body = Post.Body, Title = Thread.Title, Pseudonym = Post.Pseudonym };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Post.IsFirst && string.IsNullOrWhiteSpace(Input.Title)) ModelState.AddModelError("Input.Title", "Donnez un titre au sujet.");
        // The pseudonym a post went out under stays: changing it would tie two names together.
        Input.Pseudonym = Post.Pseudonym;
        Findings = PostChecks.Check(Input, Category, User, ModelState, "Input");
        if (!ModelState.IsValid) return Page();
        this.Say(await forum.EditAsync(Reader, Category, Thread, Post, Input.Body, Post.IsFirst ? Input.Title : null, ct)
            ? "Message modifié : il attend de nouveau l'approbation de la modération."
            : "Message modifié.");
        return LocalRedirect($"{Request.PathBase}/forum/messages/{Post.Id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await forum.PostAsync(id, ct) is not { } post || await forum.ThreadAsync(post.ThreadId, ct) is not { } thread) return NotFound();
        var reader = Reader = await access.ReaderAsync(User);
        (Post, Thread, Category) = (post, thread, (await forum.CategoryAsync(thread.CategoryId, ct))!);
        if (!reader.CanSee(thread) || !reader.CanSee(post, thread) || !reader.CanRead(Category)) return NotFound();
        if (!reader.IsAuthor(post.AuthorId) || post.DeletedByAuthor) return Forbid();
        if (await forum.CannotPostAsync(reader, Category, thread, ct) is not null) return Forbid();
        return null;
    }
}
