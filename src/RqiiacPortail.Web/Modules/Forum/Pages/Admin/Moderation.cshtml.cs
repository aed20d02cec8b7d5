using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages.Admin;

/// <summary>
/// The moderation queue of the sections the moderator holds (national categories: the national section's
/// moderators and administrators), live; and every moderation action, whichever page its form is on.
/// </summary>
[Authorize]
[EnableRateLimiting(ForumModule.ModerationPolicy)]
public sealed class ModerationModel(ForumService forum, ForumModeration moderation, ForumAccess access, ISectionCatalog catalog,
    ForumPostHtml html) : PageModel
{
    public const int MaxReason = 500;

    public IReadOnlyList<ForumModeration.QueueItem> Queue { get; private set; } = [];
    public ForumReader Reader { get; private set; } = ForumReader.Visitor;
    public IReadOnlyDictionary<int, string> Sections { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? await WithQueueAsync(ct) : Forbid();

    /// <summary>The list alone, for the page's script to put in place when the queue changes.</summary>
    public async Task<IActionResult> OnGetListeAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        Response.Headers.CacheControl = "no-store";
        Queue = await moderation.QueueAsync(Reader, 100, ct);
        RqiiacPortail.Theme.TagHelpers.IconSprite.DrawInline(HttpContext);
        return Partial("_File", this);
    }

    public Task<IActionResult> OnPostApprouverAsync(int? message, string? retour, CancellationToken ct) =>
        OnPostAsync(message, null, ct, (thread, post) => moderation.ApproveAsync(User, thread, post, ct), retour, "Message approuvé.");

    public Task<IActionResult> OnPostRefuserAsync(int? message, string? motif, string? retour, CancellationToken ct) =>
        OnPostAsync(message, motif, ct, (thread, post) => moderation.RejectAsync(User, thread, post, motif!, ct), retour, "Message refusé : son auteur en reçoit le motif.", reasonRequired: true);

    public Task<IActionResult> OnPostMasquerAsync(int? message, string? motif, string? retour, CancellationToken ct) =>
        OnPostAsync(message, motif, ct, (thread, post) => moderation.HideAsync(User, thread, post, motif!, ct), retour, "Message masqué.", reasonRequired: true);

    public Task<IActionResult> OnPostRetablirAsync(int? message, string? motif, string? retour, CancellationToken ct) =>
        OnPostAsync(message, motif, ct, (thread, post) => moderation.RestoreAsync(User, thread, post, motif, ct), retour, "Message rétabli.");

    public Task<IActionResult> OnPostSuspendreAsync(int? message, string? motif, int? jours, bool partout, string? retour, CancellationToken ct)
    {
        if (jours is not (>= 1 and <= 365)) ModelState.AddModelError("jours", "Indiquez une durée de 1 à 365 jours.");
        return OnPostAsync(message, motif, ct, async (thread, post) =>
        {
            if (partout && !Reader.ModeratesAll) throw new UnauthorizedAccessException();
            await moderation.SuspendAsync(User, thread, post, jours!.Value, partout, motif!, ct);
        }, retour, "Auteur suspendu.", reasonRequired: true);
    }

    public Task<IActionResult> OnPostVerrouillerAsync(int? sujet, string? motif, string? retour, CancellationToken ct) =>
        OnThreadAsync(sujet, ct, thread => moderation.SetLockedAsync(User, thread, true, motif, ct), retour, "Sujet verrouillé : il ne reçoit plus de réponses.");

    public Task<IActionResult> OnPostDeverrouillerAsync(int? sujet, string? motif, string? retour, CancellationToken ct) =>
        OnThreadAsync(sujet, ct, thread => moderation.SetLockedAsync(User, thread, false, motif, ct), retour, "Sujet déverrouillé.");

    public Task<IActionResult> OnPostEpinglerAsync(int? sujet, string? retour, CancellationToken ct) =>
        OnThreadAsync(sujet, ct, thread => moderation.SetPinnedAsync(User, thread, true, ct), retour, "Sujet épinglé en tête de sa catégorie.");

    public Task<IActionResult> OnPostDesepinglerAsync(int? sujet, string? retour, CancellationToken ct) =>
        OnThreadAsync(sujet, ct, thread => moderation.SetPinnedAsync(User, thread, false, ct), retour, "Sujet désépinglé.");

    public async Task<IActionResult> OnPostDeplacerAsync(int? sujet, int? categorie, string? motif, string? retour, CancellationToken ct)
    {
        var to = categorie is { } id ? await forum.CategoryAsync(id, ct) : null;
        return await OnThreadAsync(sujet, ct, async thread =>
        {
            // To a section the moderator also holds, or up to the national categories: never into another region's.
            if (to is null) { ModelState.AddModelError("categorie", "Choisissez la catégorie où déplacer le sujet."); return; }
            if (!Reader.CanMoveTo(to, (await catalog.GetAllAsync(ct)).First(s => s.IsNational).Id)) throw new UnauthorizedAccessException();
            await moderation.MoveAsync(User, thread, (await forum.CategoryAsync(thread.CategoryId, ct))!, to, motif, ct);
        }, retour, $"Sujet déplacé vers « {to?.Name} ».");
    }

    public string Html(ForumPost post) => html.Of(post.Id, post.Body);

    private async Task<IActionResult> OnPostAsync(int? message, string? motif, CancellationToken ct, Func<ForumThread, ForumPost, Task> act, string? retour,
        string done, bool reasonRequired = false)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var post = message is { } id ? await forum.PostAsync(id, ct) : null;
        var thread = post is null ? null : await forum.ThreadAsync(post.ThreadId, ct);
        if (post is null || thread is null) ModelState.AddModelError("message", "Choisissez un message de la file.");
        else if (!Reader.CanModerate(thread.SectionId)) return Forbid();
        if (reasonRequired && string.IsNullOrWhiteSpace(motif)) ModelState.AddModelError("motif", "Donnez le motif : il est inscrit au journal.");
        if (motif is { Length: > MaxReason }) ModelState.AddModelError("motif", "Le motif compte au plus 500 caractères.");
        if (!ModelState.IsValid) return await WithQueueAsync(ct);
        try { await act(thread!, post!); }
        catch (UnauthorizedAccessException) { return Forbid(); }
        return Done(done, retour);
    }

    private async Task<IActionResult> OnThreadAsync(int? sujet, CancellationToken ct, Func<ForumThread, Task> act, string? retour, string done)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var thread = sujet is { } id ? await forum.ThreadAsync(id, ct) : null;
        if (thread is null) ModelState.AddModelError("sujet", "Choisissez un sujet.");
        else if (!Reader.CanModerate(thread.SectionId)) return Forbid();
        if (!ModelState.IsValid) return await WithQueueAsync(ct);
        try { await act(thread!); }
        catch (UnauthorizedAccessException) { return Forbid(); }
        if (!ModelState.IsValid) return await WithQueueAsync(ct);
        return Done(done, retour);
    }

    private IActionResult Done(string said, string? retour)
    {
        this.Say(said);
        return LocalRedirect(retour is { Length: > 0 } && Url.IsLocalUrl(retour) ? retour : $"{Request.PathBase}/admin/moderation");
    }

    /// <returns>False when the person moderates nowhere.</returns>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Reader = await access.ReaderAsync(User);
        if (!Reader.ModeratesAny) return false;
        Sections = (await catalog.GetAllAsync(ct)).ToDictionary(s => s.Id, s => s.Name);
        return true;
    }

    /// <summary>The page with its queue (an action that went through redirects without reading it).</summary>
    private async Task<IActionResult> WithQueueAsync(CancellationToken ct)
    {
        Queue = await moderation.QueueAsync(Reader, 100, ct);
        return Page();
    }
}
