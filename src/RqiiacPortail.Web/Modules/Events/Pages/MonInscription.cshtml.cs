using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages;

/// <summary>
/// A registration's own page, reached by the secret link sent by e-mail (a visitor has no account): where it
/// stands, the place in the waiting list, confirming the address, accepting or refusing an offered seat, changing
/// workshops, cancelling, and the attestation of attendance once the event is over.
/// </summary>
[EnableRateLimiting(WebModule.PostingPolicy)]
public sealed class MonInscriptionModel(Registrar registrar, ISectionCatalog catalog, AddressConfirmation confirmation, TimeProvider clock, EventCalendar calendar,
    Infrastructure.Web.PublicUrls urls, Attestations attestations) : PageModel
{
    public Event Event { get; private set; } = null!;
    public Registration Registration { get; private set; } = null!;
    public int? Place { get; private set; }
    public string EventUrl { get; private set; } = "";
    public bool CanChange { get; private set; }
    public bool AttestationReady { get; private set; }
    [BindProperty] public Dictionary<string, int?> Workshops { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ?? Page();

    /// <summary>« Ajouter à mon agenda »: this event alone as an iCalendar file, its online link once the seat is confirmed.</summary>
    public async Task<IActionResult> OnGetAgendaAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        var confirmed = Registration.Status == RegistrationStatus.Confirmed && Registration.EmailConfirmed;
        var entry = new EventCalendar.Entry(Event, urls.Absolute(EventUrl), confirmed ? Event.OnlineLink : null, Event.State == EventState.Cancelled);
        Response.Headers.CacheControl = "no-store";
        return File(System.Text.Encoding.UTF8.GetBytes(calendar.Feed(Event.Title, [entry])), EventCalendar.ContentType,
            $"{Infrastructure.Text.Slug.From(Event.Title)}.ics");
    }

    /// <summary>The fee category chosen, with its amount, or null.</summary>
    public string? Fee => Event.Fees.FirstOrDefault(f => f.Id == Registration.FeeId) is { } fee ? $"{fee.Label} : {fee.Amount.ToString("C", Infrastructure.Text.FrenchText.Culture)}" : null;

    /// <summary>The questions of the form with the answers given, in the form's order.</summary>
    public IEnumerable<(string Question, string Answer)> Answers =>
        Event.Questions.OrderBy(q => q.Position).Select(q => (q.Label, Registration.Answers.FirstOrDefault(a => a.QuestionId == q.Id)?.Value))
            .Where(a => !string.IsNullOrWhiteSpace(a.Value)).Select(a => (a.Label, a.Value!));

    /// <summary>
    /// The link of the e-mail, in one click: only its key confirms, so that holding a seat proves the mailbox. A GET,
    /// as people expect of a link; confirming twice changes nothing.
    /// </summary>
    public async Task<IActionResult> OnGetConfirmerAsync(string code, string? cle, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        if (!confirmation.Matches(Registration, cle))
        {
            ModelState.AddModelError(string.Empty, "Ce lien de confirmation n'est pas valide : utilisez celui du dernier courriel reçu, en entier.");
            return Page().WithStatus(StatusCodes.Status400BadRequest);
        }
        if (await registrar.ConfirmEmailAsync(Event, Registration, ct) is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            await LoadAsync(code, ct);
            return Page().WithStatus(StatusCodes.Status409Conflict);
        }
        this.Say("Votre adresse est confirmée. Votre inscription tient.");
        return RedirectToPage(new { code });
    }

    public Task<IActionResult> OnPostAccepterAsync(string code, CancellationToken ct) =>
        ActAsync(code, () => registrar.AcceptOfferAsync(Event, Registration, ct), "La place est à vous : votre inscription est confirmée.", ct);

    public Task<IActionResult> OnPostAnnulerAsync(string code, CancellationToken ct) =>
        ActAsync(code, () => registrar.CancelAsync(Event, Registration, ct), "Votre inscription est annulée.", ct);

    public async Task<IActionResult> OnPostAteliersAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        var chosen = Workshops.Values.Where(v => v is > 0).Select(v => v!.Value).Take(RegistrationInput.MaxPostedItems).ToList();
        var refusals = await registrar.ChangeWorkshopsAsync(Event, Registration, chosen, ct);
        if (refusals.Count > 0)
        {
            ModelState.AddRefusals(refusals);
            return Page();
        }
        this.Say("Vos ateliers sont changés.");
        return RedirectToPage(new { code });
    }

    public async Task<IActionResult> OnGetAttestationAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        if (!AttestationReady)
        {
            ModelState.AddModelError(string.Empty, Registration.PresentAt is null
                ? "L'attestation est offerte aux personnes dont la présence a été notée à l'accueil."
                : "L'attestation sera offerte à la fin de l'événement.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var pdf = await attestations.RenderAsync(Registration, Event, ct);
        return File(pdf, "application/pdf", $"attestation-{Slug.From(Event.Title)}.pdf");
    }

    private async Task<IActionResult> ActAsync(string code, Func<Task<string?>> act, string done, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } refused) return refused;
        if (await act() is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            await LoadAsync(code, ct);
            return Page();
        }
        this.Say(done);
        return RedirectToPage(new { code });
    }

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        if (code.Length > Registration.CodeLength || await registrar.ByCodeAsync(code, ct) is not { } r || await registrar.EventAsync(r.EventId, ct) is not { } e)
            return NotFound();
        (Registration, Event) = (r, e);
        Place = await registrar.PlaceAsync(r, ct);
        var home = await catalog.FindAsync(e.SectionId, ct);
        EventUrl = $"{home?.PathPrefix}/evenements/{IdSlugConstraint.Key(e.Id, e.Title)}";
        var now = clock.GetUtcNow();
        CanChange = r.IsAlive && now < e.StartsAt && e.State == EventState.Published;
        AttestationReady = Attestations.IsReady(r, e, now);
        if (HttpMethods.IsGet(Request.Method))
            Workshops = e.Workshops.GroupBy(RegistrationInput.SlotKey)
                .ToDictionary(g => g.Key, g => g.Select(w => (int?)w.Id).FirstOrDefault(id => r.Workshops.Any(c => c.WorkshopId == id)));
        return null;
    }
}
