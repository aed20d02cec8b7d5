using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Bulletin.Sending;
using RqiiacPortail.Web.Modules.Bulletin.Writing;

namespace RqiiacPortail.Web.Modules.Bulletin.Pages;

/// <summary>
/// The send of an issue, live: how many messages wait, went, failed for good, are retried or uncertain, how many
/// addresses unsubscribed since; the ledger by address (searchable, as CSV), and « renvoyer à qui ne l'a pas reçu ».
/// </summary>
[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(BulletinModule.PostingPolicy)]
public sealed class EnvoisModel(BulletinEditor editor, BulletinLedger ledger, BulletinPublisher publisher, IAuthorizationService authorization) : PageModel
{
    public BulletinIssue Issue { get; private set; } = null!;
    public BulletinLedger.Summary Summary { get; private set; } = null!;
    public IReadOnlyList<BulletinLedger.Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "etat")] public MailState? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        (Rows, Total) = await ledger.PageAsync(Issue.Id, Search, State, PageNumber, ct);
        return Page();
    }

    /// <summary>The counts alone, for the page's refresh while the send goes on.</summary>
    public async Task<IActionResult> OnGetEtatAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        return Partial("_SendSummary", this);
    }

    public async Task<IActionResult> OnGetCsvAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        return File(await ledger.CsvAsync(Issue.Id, Search, State, ct), "text/csv; charset=utf-8", $"envois-bulletin-{Issue.Number}.csv");
    }

    public async Task<IActionResult> OnPostRenvoyerAsync(int numero, CancellationToken ct)
    {
        if (await LoadAsync(numero, ct) is { } refused) return refused;
        var count = await publisher.ResendUndeliveredAsync(User, Issue, ct);
        this.Say(count == 0 ? "Aucun envoi à reprendre : chaque adresse encore abonnée l'a reçu ou l'attend." : $"{FrenchText.Count(count, "envoi remis", "envois remis")} dans la file.");
        return LocalRedirect($"/bulletin/{numero}/envois");
    }

    private async Task<IActionResult?> LoadAsync(int numero, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, BulletinPermissions.Publish)) return Forbid();
        if (await editor.ForEditingAsync(numero, ct) is not { } issue) return NotFound();
        Issue = issue;
        PageNumber = Math.Max(1, PageNumber);
        if (Search is { Length: > 320 }) Search = Search[..320];
        Summary = await ledger.SummaryAsync(issue.Id, ct);
        return null;
    }

    /// <summary>The states a person filters by, as they read them.</summary>
    public static readonly IReadOnlyList<(MailState State, string Label)> Filters =
    [
        (MailState.Queued, "En attente"), (MailState.Sent, "Envoyé"), (MailState.Retrying, "Nouvel essai prévu"),
        (MailState.Failed, "Échec définitif"), (MailState.Withheld, "Retenu"), (MailState.Uncertain, "Incertain"),
    ];
}
