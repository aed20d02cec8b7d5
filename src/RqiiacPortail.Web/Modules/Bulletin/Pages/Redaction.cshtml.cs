using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;
using RqiiacPortail.Web.Modules.Bulletin.Writing;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>The board's desk: every issue with its state, schedule and send; a new issue; a past one brought in as a PDF.</summary>
[Authorize]
[EnableRateLimiting(BulletinModule.PostingPolicy)]
[RequestSizeLimit(BulletinModule.MaxRequestBytes)]
public sealed class RedactionModel(BulletinEditor editor, BulletinSubscriptions subscriptions, FileIntake intake, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<BulletinEditor.DeskEntry> Issues { get; private set; } = [];
    public int Subscribers { get; private set; }

    [BindProperty] public PdfIssueInput Pdf { get; set; } = new();
    [BindProperty(Name = "fichier")] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        IncomingFile? pdf = null;
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError("fichier", "Choisissez le fichier PDF du numéro.");
        else if (Upload.Length > BulletinModule.MaxPdfMb * 1024L * 1024) ModelState.AddModelError("fichier", $"« {Path.GetFileName(Upload.FileName)} » dépasse {BulletinModule.MaxPdfMb} Mo.");
        else
        {
            var (file, error) = intake.Check(Upload.FileName, Upload.OpenReadStream(), ct);
            if (error is not null) ModelState.AddModelError("fichier", error);
            else if (file!.Kind != FileInspector.Pdf) ModelState.AddModelError("fichier", $"« {Path.GetFileName(Upload.FileName)} » n'est pas un PDF.");
            else pdf = file;
        }
        if (!ModelState.IsValid) return Page();
        var (number, refusals) = await editor.ImportPdfAsync(User, Pdf, pdf!, ct);
        if (number is null)
        {
            ModelState.AddRefusals(refusals, nameof(Pdf));
            return Page();
        }
        this.Say($"Le numéro {number} est versé aux archives.");
        return LocalRedirect($"/bulletin/{number}");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, BulletinPermissions.Publish)) return Forbid();
        Issues = await editor.DeskAsync(ct);
        Subscribers = await subscriptions.ConfirmedCountAsync(ct);
        return null;
    }
}
