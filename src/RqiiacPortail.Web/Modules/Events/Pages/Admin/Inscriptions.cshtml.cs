using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>An event's registrations with filters, their CSV export, and writing to the registrants (all, or one workshop's).</summary>
[Authorize]
public sealed class InscriptionsModel(Registrar registrar, EventAccess access, RegistrationList list, EventEditor editor, Attestations attestations, TimeProvider clock)
    : OrganizerPage(registrar, access)
{
    [BindProperty(SupportsGet = true, Name = "statut")] public RegistrationStatus? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "atelier")] public int? WorkshopId { get; set; }
    [BindProperty(SupportsGet = true, Name = "texte"), StringLength(RegistrationList.MaxFilterText, ErrorMessage = "La recherche dépasse {1} caractères.")]
    public string? Text { get; set; }

    [BindProperty] public MessageInput Message { get; set; } = new();
    public IReadOnlyList<RegistrationRow> Rows { get; private set; } = [];
    public AttestationSummary Attestations { get; private set; } = new(0, 0, 0);
    public bool EventOver { get; private set; }

    public sealed class MessageInput
    {
        [Required(ErrorMessage = "Donnez un objet au message."), StringLength(150, ErrorMessage = "L'objet dépasse {1} caractères."), SingleLine]
        public string Subject { get; set; } = "";

        [Required(ErrorMessage = "Écrivez le message."), StringLength(10_000, ErrorMessage = "Le message dépasse {1} caractères.")]
        public string Body { get; set; } = "";

        /// <summary>Null: every living registration.</summary>
        public int? WorkshopId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadEventAsync(id, ct) is { } refused) return refused;
        await ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken ct)
    {
        if (await LoadEventAsync(id, ct) is { } refused) return refused;
        if (!ModelState.IsValid) return BadRequest();
        var rows = await list.RowsAsync(Event, Filter(), ct);
        return File(RegistrationList.Csv(Event, rows), "text/csv; charset=utf-8", $"inscriptions-{Slug.From(Event.Title)}.csv");
    }

    public async Task<IActionResult> OnPostEcrireAsync(int id, CancellationToken ct)
    {
        if (await LoadEventAsync(id, ct) is { } refused) return refused;
        if (Message.WorkshopId is { } w && Event.Workshops.All(x => x.Id != w))
            ModelState.AddModelError("Message.WorkshopId", "Choisissez un atelier de l'événement.");
        if (!ModelState.IsValid)
        {
            await ListAsync(ct);
            return Page();
        }
        await editor.WriteAsync(User, Event, Message.WorkshopId, Message.Subject.Trim(), Message.Body.Trim(), ct);
        this.Say("Le message part aux personnes inscrites.");
        return RedirectToPage(new { id });
    }

    /// <summary>« Envoyer les attestations »: everyone present who has not been told is, in the background.</summary>
    public async Task<IActionResult> OnPostAttestationsAsync(int id, CancellationToken ct)
    {
        if (await LoadEventAsync(id, ct) is { } refused) return refused;
        var decision = await attestations.ReleaseAsync(User, Event, ct);
        if (!decision.Succeeded) await ListAsync(ct);
        if (this.Unless(decision) is { } notDone) return notDone;
        this.Say("Les attestations partent : chaque personne présente reçoit un courriel avec son lien.");
        return RedirectToPage(new { id });
    }

    private RegistrationFilter Filter() =>
        new(Status is { } s && Enum.IsDefined(s) ? s : null, WorkshopId, Text is { Length: > 0 and <= RegistrationList.MaxFilterText } t ? t : null);

    private async Task ListAsync(CancellationToken ct)
    {
        Rows = ModelState.GetFieldValidationState("texte") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? []
            : await list.RowsAsync(Event, Filter(), ct);
        Attestations = await attestations.SummaryAsync(Event, ct);
        EventOver = clock.GetUtcNow() >= Event.EndsAt;
    }
}
