using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages;

/// <summary>Registering: a member's name, address and employer are filled in from their account; a visitor gives theirs and confirms the address.</summary>
[SectionFeature(EventsModule.Feature)]
[EnableRateLimiting(WebModule.PostingPolicy)]
public sealed class InscriptionModel(Registrar registrar, EventAccess access, IMemberDirectory members, ISectionContext section, TimeProvider clock) : PageModel
{
    [BindProperty] public RegistrationInput Input { get; set; } = new();
    public Event Event { get; private set; } = null!;
    public bool IsMember { get; private set; }
    public string? Closed { get; private set; }
    public Registration? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string cle, CancellationToken ct)
    {
        if (await LoadAsync(cle, ct) is { } refused) return refused;
        if (Existing is not null) return Redirect($"{section.Current.PathPrefix}/evenements/inscriptions/{Existing.Code}");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string cle, CancellationToken ct)
    {
        if (await LoadAsync(cle, ct) is { } refused) return refused;
        if (Existing is not null) return Redirect($"{section.Current.PathPrefix}/evenements/inscriptions/{Existing.Code}");
        if (Closed is not null)
        {
            ModelState.AddModelError(string.Empty, Closed);
            return Page();
        }
        if (IsMember) await FillFromAccountAsync(ct);
        if (!ModelState.IsValid) return Page();
        var viewer = await access.ViewerAsync(User, ct);
        var (registration, refusals) = await registrar.RegisterAsync(Event, viewer, Input.ToRequest(), ct);
        if (registration is null)
        {
            ModelState.AddRefusals(refusals, "Input");
            return Page();
        }
        this.Say(registration.Status == RegistrationStatus.Confirmed
            ? registration.EmailConfirmed ? "Votre inscription est confirmée. Un courriel de confirmation vous est envoyé." : "Votre place est réservée pendant une heure : confirmez votre adresse avec le lien reçu par courriel."
            : "L'événement est complet : vous êtes sur la liste d'attente. Un courriel vous le confirme.");
        return Redirect($"{section.Current.PathPrefix}/evenements/inscriptions/{registration.Code}");
    }

    private async Task<IActionResult?> LoadAsync(string cle, CancellationToken ct)
    {
        var e = await registrar.EventAsync(IdSlugConstraint.Id(cle), ct);
        var viewer = await access.ViewerAsync(User, ct);
        if (e is null || !viewer.CanSee(e)) return NotFound();
        if (!section.Current.IsNational && section.Current.Id != e.SectionId) return NotFound();
        Event = e;
        IsMember = viewer.UserId is not null && viewer.IsMember;
        Closed = RegistrationRules.Closed(e, clock.GetUtcNow());
        if (!viewer.MayRegister(e))
            return Redirect($"{section.Current.PathPrefix}/compte/connexion?ReturnUrl={Uri.EscapeDataString(Request.PathBase + Request.Path)}");
        if (viewer.UserId is { } me) Existing = await registrar.OfMemberAsync(e.Id, me, ct);
        if (IsMember && HttpMethods.IsGet(Request.Method)) await FillFromAccountAsync(ct);
        return null;
    }

    /// <summary>A member registers as their account says (a forged name or address is not taken).</summary>
    private async Task FillFromAccountAsync(CancellationToken ct)
    {
        var me = (await members.ContactsAsync([User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value], ct)).FirstOrDefault();
        if (me is null) return;
        Input.Name = me.DisplayName;
        Input.Email = me.Email;
        if (HttpMethods.IsGet(Request.Method) || string.IsNullOrWhiteSpace(Input.Employer)) Input.Employer = me.Employer;
        // A post with no "Input." field at all binds without the prefix: its errors sit under the bare names.
        foreach (var key in new[] { "Input.Name", "Input.Email", nameof(Input.Name), nameof(Input.Email) }) ModelState.Remove(key);
    }
}
