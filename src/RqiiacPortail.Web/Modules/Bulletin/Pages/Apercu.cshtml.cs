using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Sending;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;
using RqiiacPortail.Web.Modules.Bulletin.Writing;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>
/// A draft before it goes: the e-mail as subscribers will read it (HTML in a frame, plain text beside), a test to
/// oneself, and publishing now or at a set time. The board's alone.
/// </summary>
[Authorize]
[EnableRateLimiting(BulletinModule.PostingPolicy)]
public sealed class ApercuModel(BulletinEditor editor, BulletinMail mail, BulletinPublisher publisher, BulletinSubscriptions subscriptions,
    IAuthorizationService authorization) : PageModel
{
    public BulletinIssue Issue { get; private set; } = null!;
    public RenderedMail Mail { get; private set; } = null!;
    public int Subscribers { get; private set; }

    [BindProperty(Name = "envoyer")] public bool Send { get; set; }

    [BindProperty(Name = "moment")]
    [Display(Name = "Moment de la publication")]
    public DateTime? ScheduledFor { get; set; }

    public async Task<IActionResult> OnGetAsync(int numero, CancellationToken ct) => await LoadAsync(numero, ct) ?? Page();

    /// <summary>The HTML part alone, for the preview's frame (no script may run in it; its inline styles may).</summary>
    public async Task<IActionResult> OnGetCourrielAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        SecurityHeadersMiddleware.AllowFramedPreview(HttpContext);
        return Content(Mail.Html, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnPostEssaiAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        await publisher.SendTestAsync(User, Issue, ct);
        this.Say("Un essai vient de partir vers votre adresse : il porte « [Essai] » dans son objet.");
        return LocalRedirect($"/bulletin/{numero}/apercu");
    }

    public async Task<IActionResult> OnPostPublierAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        if (this.Unless(await publisher.PublishAsync(User, Issue.Id, Send, ct)) is { } problem) return problem is PageResult page ? page.WithStatus(StatusCodes.Status409Conflict) : problem;
        this.Say(Send && Issue.PdfKey is null ? "Numéro publié : l'envoi aux abonnés a commencé." : "Numéro publié dans les archives.");
        return LocalRedirect(Send && Issue.PdfKey is null ? $"/bulletin/{numero}/envois" : $"/bulletin/{numero}");
    }

    public async Task<IActionResult> OnPostProgrammerAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        if (ScheduledFor is null) ModelState.AddModelError("moment", "Indiquez le jour et l'heure de la publication.");
        if (!ModelState.IsValid) return Page();
        // Read in Québec, stored in UTC (PostgreSQL keeps timestamptz in UTC only).
        var at = new DateTimeOffset(ScheduledFor!.Value, FrenchText.Zone.GetUtcOffset(ScheduledFor.Value)).ToUniversalTime();
        if (this.Unless(await publisher.ScheduleAsync(User, Issue.Id, at, Send, ct)) is { } problem) return problem;
        this.Say($"Publication programmée le {FrenchText.DateTime(at)}.");
        return LocalRedirect($"/bulletin/{numero}/apercu");
    }

    public async Task<IActionResult> OnPostDeprogrammerAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        if (this.Unless(await publisher.ScheduleAsync(User, Issue.Id, null, Issue.SendByEmail, ct)) is { } problem) return problem;
        this.Say("La publication programmée est annulée : le numéro reste un brouillon.");
        return LocalRedirect($"/bulletin/{numero}/apercu");
    }

    private async Task<IActionResult?> LoadAsync(int numero, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, BulletinPermissions.Publish)) return Forbid();
        if (await editor.ForEditingAsync(numero, ct) is not { } issue) return NotFound();
        Issue = issue;
        Mail = mail.Render(issue, unsubscribe: "#apercu");
        Subscribers = await subscriptions.ConfirmedCountAsync(ct);
        // An unticked box posts nothing: « send » is false unless said, and ticked by default on the page.
        if (HttpMethods.IsGet(Request.Method))
        {
            Send = issue.ScheduledFor is null || issue.SendByEmail;
            if (issue.ScheduledFor is { } at) ScheduledFor = FrenchText.Local(at).DateTime;
        }
        return null;
    }
}
