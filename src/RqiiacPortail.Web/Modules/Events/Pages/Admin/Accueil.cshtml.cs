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

    public async Task<IActionResult> OnPostPresenceAsync(int id, int inscription, bool present, CancellationToken ct)
    {
        if (await LoadEventAsync(id, ct) is { } refused) return refused;
        await Registrar.MarkPresentAsync(Event, [inscription], present, ct);
        // Back to the same person in the list, so the door keeps its place.
        return Redirect($"{Request.PathBase}/admin/evenements/{id}/accueil#inscription-{inscription}");
    }

    private async Task ListAsync(CancellationToken ct) =>
        Rows = (await list.RowsAsync(Event, new RegistrationFilter(RegistrationStatus.Confirmed), ct))
            .OrderBy(r => r.Registration.Name, Infrastructure.Text.FrenchText.Comparer).ToList();
}
