using RqiiacPortail.Web.Infrastructure.Text;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Notifications.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications.Pages.Admin;

/// <summary>
/// An announcement becomes one notification per member of the audience (the whole network or one region): the
/// page writes one event; the notifications are written after commit, a batch at a time.
/// </summary>
[Authorize]
[EnableRateLimiting(WebModule.PostingPolicy)]
public sealed class AnnoncesModel(
    IAuthorizationService authorization,
    ISectionCatalog catalog,
    Announcements announcements) : PageModel
{
    private const string Everyone = "tous";

    public sealed class AnnouncementInput
    {
        [Required(ErrorMessage = "Choisissez les destinataires.")]
        public string Audience { get; set; } = "";

        [Required(ErrorMessage = "Écrivez l'annonce.")]
        [StringLength(200, ErrorMessage = "L'annonce compte au plus 200 caractères.")]
        [SingleLine]
        public string Title { get; set; } = "";

        [StringLength(300, ErrorMessage = "L'adresse compte au plus 300 caractères.")]
        public string? Link { get; set; }
    }

    [BindProperty] public AnnouncementInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "envoyee")] public int? Sent { get; set; }
    public IReadOnlyList<SelectListItem> Audiences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (!Audiences.Any(a => a.Value == Input.Audience)) ModelState.AddModelError("Input.Audience", "Choisissez des destinataires de la liste.");
        var link = string.IsNullOrWhiteSpace(Input.Link) ? null : Input.Link.Trim();
        if (link is not null && !Url.IsLocalUrl(link)) ModelState.AddModelError("Input.Link", "Indiquez une adresse du portail qui commence par / (ex. /lanaudiere/).");
        if (!ModelState.IsValid) return Page();

        int? sectionId = null;
        if (Input.Audience != Everyone)
        {
            var section = (await catalog.GetAllAsync(ct)).Single(s => s.Id.ToString(CultureInfo.InvariantCulture) == Input.Audience);
            sectionId = section.Id;
            link ??= section.PathPrefix + "/";
        }
        var audience = await announcements.SendAsync(new AnnouncementMade(sectionId, Input.Title.Trim(), link ?? "/"), ct);
        return LocalRedirect($"{Request.PathBase}/admin/annonces?envoyee={audience}");
    }

    /// <returns>False when the person may announce nowhere.</returns>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var items = new List<SelectListItem>();
        if (await authorization.CanAsync(User, NotificationPermissions.AnnounceNationally))
            items.Add(new SelectListItem("Tous les membres du réseau", Everyone));
        foreach (var section in (await catalog.GetAllAsync(ct)).Where(s => !s.IsNational && s.IsActive))
            if (await authorization.CanAsync(User, NotificationPermissions.AnnounceInSection, section.Id))
                items.Add(new SelectListItem($"Membres de la région {section.Name}", section.Id.ToString(CultureInfo.InvariantCulture)));
        Audiences = items;
        return items.Count > 0;
    }
}
