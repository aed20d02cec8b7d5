using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Events.Pages;

/// <summary>One event: what, when, where, seats left (live), fees, and the reader's own registration or the way to register.</summary>
[SectionFeature(EventsModule.Feature)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = EventsModule.PublicPagePolicy)]
[Infrastructure.Caching.KeptForReaders(Vary = EventPagesVary.OneEvent)]
public sealed class EvenementModel(Registrar registrar, EventAccess access, ISectionContext section, ISectionCatalog catalog, RenderedMarkdown markdown,
    TimeProvider clock) : PageModel
{
    public Event Event { get; private set; } = null!;
    public IHtmlContent Description { get; private set; } = HtmlString.Empty;
    public string Organizer { get; private set; } = "";
    public Registration? Mine { get; private set; }
    public int? MyPlace { get; private set; }
    public string? Closed { get; private set; }
    public bool CanOrganize { get; private set; }
    public bool MayRegister { get; private set; }

    public async Task<IActionResult> OnGetAsync(string cle, CancellationToken ct)
    {
        var e = await registrar.EventAsync(IdSlugConstraint.Id(cle), ct);
        var viewer = await access.ViewerAsync(User, ct);
        if (e is null || !viewer.CanSee(e)) return NotFound();
        var home = await catalog.FindAsync(e.SectionId, ct);
        if (!section.Current.IsNational && section.Current.Id != e.SectionId && home is not null)
            return RedirectPermanent($"{home.PathPrefix}/evenements/{cle}");
        Event = e;
        Organizer = home?.IsNational != false ? "RQIIAC" : $"RQIIAC – {home.Name}";
        Description = markdown.Html($"evenement:{e.Id}", e.Description);
        CanOrganize = viewer.CanOrganize(e.SectionId);
        MayRegister = viewer.MayRegister(e);
        Closed = RegistrationRules.Closed(e, clock.GetUtcNow());
        if (viewer.UserId is { } me && await registrar.OfMemberAsync(e.Id, me, ct) is { } mine)
        {
            Mine = mine;
            MyPlace = await registrar.PlaceAsync(mine, ct);
        }
        return Page();
    }

    public static string Seats(int left) => left switch { 0 => "complet", 1 => "1 place restante", _ => $"{left} places restantes" };
}
