using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>
/// The door: the confirmed registrants in alphabetical order, to print or to work on a phone, one button each to
/// mark a person present (or take it back). Those marked present get their attestation after the event.
/// </summary>
[Authorize]
public sealed class AccueilModel(Registrar registrar, EventAccess access, RegistrationList list) : OrganizerPage(registrar, access)
{
    public IReadOnlyList<RegistrationRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadEventAsync(id, ct) is { } refused) return refused;
        await ListAsync(ct);
        return Page();
    }

    /// <summary>
    /// Marks a person arrived (or takes it back: the undo). The door's script posts this form and reads the answer
    /// as JSON (the person's state and the count, without reloading 250 cards); without a script, back to the person.
    /// </summary>
    public async Task<IActionResult> OnPostPresenceAsync(int id, int inscription, bool present, CancellationToken ct)
    {
        if (await LoadEventAsync(id, ct) is { } refused) return refused;
        await Registrar.MarkPresentAsync(Event, [inscription], present, ct);
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            await ListAsync(ct);
            var row = Rows.FirstOrDefault(r => r.Registration.Id == inscription);
            if (row is null) return NotFound();
            var at = row.Registration.PresentAt;
            return new JsonResult(new { present = at is not null, at = at is { } t ? Time(t) : null, count = Present, total = Rows.Count });
        }
        // Back to the same person in the list, so the door keeps its place.
        return Redirect($"{Request.PathBase}/admin/evenements/{id}/accueil#inscription-{inscription}");
    }

    public int Present => Rows.Count(r => r.Registration.PresentAt is not null);

    public static string Time(DateTimeOffset at) => EventMail.Hour(at);

    /// <summary>What the search box matches: the name and the address as a slug (« josee » finds « Josée », « tremblay-j » « Tremblay, J. »); the script folds what is typed alike.</summary>
    public string SearchKey(Registration r) => Infrastructure.Text.Slug.From($"{r.Name} {r.Email}");

    private async Task ListAsync(CancellationToken ct) =>
        Rows = (await list.RowsAsync(Event, new RegistrationFilter(RegistrationStatus.Confirmed), ct))
            .OrderBy(r => r.Registration.Name, Infrastructure.Text.FrenchText.Comparer).ToList();
}
