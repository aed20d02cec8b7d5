using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Mail;
using RqiiacPortail.Web.Infrastructure.Security;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Administration.Pages;

/// <summary>The outbox, for administrators: each message's state, and the decisions on those that failed or are uncertain.</summary>
[Authorize]
public sealed class CourrielsModel(MailQueue queue, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyDictionary<MailState, int> Counts { get; private set; } = new Dictionary<MailState, int>();
    public IReadOnlyList<MailQueue.Row> Rows { get; private set; } = [];
    public MailState? State { get; private set; }
    public int P { get; private set; } = 1;
    public int Pages { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(MailState? etat, int p = 1, CancellationToken ct = default)
    {
        if (!await authorization.CanAsync(User, MailPermissions.Manage)) return Forbid();
        if (etat is { } s && !Enum.IsDefined(s)) return NotFound();
        (State, P) = (etat, Math.Max(1, p));
        Counts = await queue.CountsAsync(ct);
        var (rows, total) = await queue.ListAsync(State, P, ct);
        Rows = rows;
        Pages = Math.Max(1, (total + MailQueue.PageSize - 1) / MailQueue.PageSize);
        return Page();
    }

    public async Task<IActionResult> OnPostRenvoyerAsync(long id, MailState? etat, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, MailPermissions.Manage)) return Forbid();
        this.Say(await queue.ResendAsync(id, ct)
            ? "Le courriel repart sous son Message-ID d'origine."
            : "Ce courriel a changé d'état entre-temps : rien n'a été fait.");
        return RedirectToPage(new { etat });
    }

    public async Task<IActionResult> OnPostEnvoyeAsync(long id, MailState? etat, CancellationToken ct)
    {
        if (!await authorization.CanAsync(User, MailPermissions.Manage)) return Forbid();
        this.Say(await queue.CountAsSentAsync(id, ct)
            ? "Courriel compté comme envoyé : il ne repartira pas."
            : "Ce courriel n'est plus incertain : rien n'a été fait.");
        return RedirectToPage(new { etat });
    }
}
