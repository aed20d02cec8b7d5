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
[EnableRateLimiting(NotificationsModule.AnnouncingPolicy)]
public sealed class AnnoncesModel(Announcements announcements) : PageModel
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

        [StringLength(Announcement.TextLength, ErrorMessage = "Le texte compte au plus 20 000 caractères.")]
        [Markdown]
        public string? Text { get; set; }

        public bool ForMembers { get; set; }

        public DateOnly? BannerUntil { get; set; }

        public bool ByEmail { get; set; }

        public AnnouncementDraft ToDraft() => new(Title, Text, Link, ForMembers, BannerUntil, ByEmail);
    }

    [BindProperty] public AnnouncementInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "envoyee")] public int? Sent { get; set; }
    public IReadOnlyList<SelectListItem> Audiences { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        var to = _audiences.FirstOrDefault(a => Value(a) == Input.Audience);
        // Every reason at once: the form's lengths and the announcement's rules.
        ModelState.AddRefusals(Announcements.Check(_audiences, to, Input.ToDraft(), announcements.Today()), nameof(Input));
        if (!ModelState.IsValid) return Page();
        var (_, audience) = await announcements.AnnounceAsync(_audiences, to, Input.ToDraft(), ct);
        return LocalRedirect($"{Request.PathBase}/admin/annonces?envoyee={audience}");
    }

    private IReadOnlyList<Announcements.Audience> _audiences = [];

    private static string Value(Announcements.Audience a) => a.SectionId?.ToString(CultureInfo.InvariantCulture) ?? Everyone;

    /// <returns>False when the person may announce nowhere.</returns>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        _audiences = await announcements.AudiencesAsync(User, ct);
        Audiences = _audiences.Select(a => new SelectListItem(a.Label, Value(a))).ToList();
        return _audiences.Count > 0;
    }
}
