using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages.Admin;

/// <summary>An event's form, its publication and its cancellation (which tells every registrant).</summary>
[Authorize]
public sealed class ModifierModel(Registrar registrar, EventAccess access, EventEditor editor, ITaxonomy taxonomy) : OrganizerPage(registrar, access)
{
    [BindProperty] public EventInput Input { get; set; } = new();
    public IReadOnlyList<VocabularyInfo> Vocabularies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Input = EventInput.From(Event).WithBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (ModelState.IsValid)
        {
            var (e, refusals) = await editor.SaveAsync(User, Event.SectionId, Event, Input, Vocabularies.SelectMany(v => v.Terms).Select(t => t.Id).ToHashSet(), ct);
            if (e is not null)
            {
                this.Say("L'événement est enregistré.");
                return RedirectToPage(new { id });
            }
            ModelState.AddRefusals(refusals);
        }
        Input.WithBlankRows();
        return Page();
    }

    public async Task<IActionResult> OnPostPublierAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (await editor.PublishAsync(User, Event, ct) is { } refusal) return Refuse(refusal);
        this.Say("L'événement est publié : il paraît dans les listes et prend les inscriptions.");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAnnulerAsync(int id, [FromForm(Name = "motif")] string? reason, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (reason is { Length: > 500 }) return Refuse("Le motif dépasse 500 caractères.");
        if (await editor.CancelAsync(User, Event, reason?.Trim(), ct) is { } refusal) return Refuse(refusal);
        this.Say("L'événement est annulé. Chaque personne inscrite en est avertie par courriel.");
        return RedirectToPage(new { id });
    }

    private IActionResult Refuse(string refusal)
    {
        // The action's post carries no event fields: their "missing" errors are not the refusal.
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, refusal);
        Input = EventInput.From(Event).WithBlankRows();
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await LoadEventAsync(id, ct) is { } refused) return refused;
        Vocabularies = await taxonomy.GetAllAsync(ct);
        return null;
    }
}
