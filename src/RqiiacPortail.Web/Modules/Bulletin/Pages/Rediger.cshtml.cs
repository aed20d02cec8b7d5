using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Files;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Writing;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>The board writes an issue: a new one (<c>/bulletin/rediger</c>) or one already numbered, its images with it.</summary>
[Authorize]
[EnableRateLimiting(BulletinModule.PostingPolicy)]
[RequestSizeLimit(BulletinModule.MaxRequestBytes)]
public sealed class RedigerModel(BulletinEditor editor, FileIntake intake, IAuthorizationService authorization, Taxonomy.Contracts.ITaxonomy taxonomy,
    TimeProvider clock) : PageModel
{
    /// <summary>The reference framework's vocabularies, for the issue's « Thèmes ».</summary>
    public IReadOnlyList<Taxonomy.Contracts.VocabularyInfo> Vocabularies { get; private set; } = [];

    [BindProperty] public IssueInput Input { get; set; } = new();
    [BindProperty(Name = "images")] public List<IFormFile> Images { get; set; } = [];

    public BulletinIssue? Issue { get; private set; }
    public IReadOnlyList<BulletinImage> Uploaded { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        Input = Issue is null
            ? new IssueInput { Number = await editor.NextNumberAsync(ct), IssuedOn = DateOnly.FromDateTime(FrenchText.Local(clock.GetUtcNow()).DateTime) }
            : IssueInput.From(Issue);
        Input.WithBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        var images = new List<IncomingFile>();
        foreach (var upload in Images.Where(f => f.Length > 0).Take(BulletinModule.MaxImagesPerPost + 1))
        {
            var (file, error) = BulletinModule.CheckImage(upload, intake, ct);
            if (error is not null) ModelState.AddModelError("images", error);
            else images.Add(file!);
        }
        if (Images.Count(f => f.Length > 0) > BulletinModule.MaxImagesPerPost)
            ModelState.AddModelError("images", $"Envoyez au plus {BulletinModule.MaxImagesPerPost} images à la fois.");
        if (!ModelState.IsValid)
        {
            Input.WithBlankRows();
            return Page();
        }
        var (number, refusals) = await editor.SaveAsync(User, Issue, Input, images, ct);
        if (number is null)
        {
            ModelState.AddRefusals(refusals, nameof(Input));
            Input.WithBlankRows();
            return Page();
        }
        this.Say(images.Count > 0
            ? $"Numéro enregistré avec {FrenchText.Count(images.Count, "image")} : copiez le code d'une image dans un article pour l'y montrer."
            : "Numéro enregistré.");
        return LocalRedirect(images.Count > 0 ? $"/bulletin/rediger/{number}#images" : $"/bulletin/{number}/apercu");
    }

    /// <summary>Fills « Dans le réseau » with what is new, on the form as it stands (nothing typed is lost), for the board to review.</summary>
    public async Task<IActionResult> OnPostReseauAsync(int? numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        var added = await editor.FillNetworkAsync(Input, Issue?.Id, ct);
        ModelState.Clear(); // the form is shown again as typed, not judged yet
        Input.WithBlankRows();
        this.Say(added == 0 ? "Rien de nouveau à ajouter dans « Dans le réseau »." : $"{FrenchText.Count(added, "lien ajouté", "liens ajoutés")} dans « Dans le réseau » : relisez-les, puis enregistrez.");
        return Page();
    }

    public async Task<IActionResult> OnPostRetirerImageAsync(int? numero, int image, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        if (Issue is null || !await editor.RemoveImageAsync(Issue.Id, image, ct)) return NotFound();
        this.Say("Image retirée.");
        return LocalRedirect($"/bulletin/rediger/{Issue.Number}#images");
    }

    private async Task<IActionResult?> LoadAsync(int? numero, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, BulletinPermissions.Publish)) return Forbid();
        Vocabularies = await taxonomy.GetAllAsync(ct);
        if (numero is not { } n) return null;
        Issue = await editor.ForEditingAsync(n, ct);
        if (Issue is null) return NotFound();
        Uploaded = await editor.ImagesAsync(Issue.Id, ct);
        return null;
    }
}
