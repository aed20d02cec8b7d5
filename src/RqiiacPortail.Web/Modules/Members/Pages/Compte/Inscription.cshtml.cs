using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.RateLimiting;
using RqiiacPortail.Web.Infrastructure.Text;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Members.Pages.Compte;

[EnableRateLimiting(WebModule.PostingPolicy)]
public sealed class InscriptionModel(MembershipService membership, ISectionCatalog catalog, ISectionContext section) : PageModel
{
    public static readonly IReadOnlyList<string> KnownEmployers =
    [
        "CISSS du Bas-Saint-Laurent", "CIUSSS du Saguenay–Lac-Saint-Jean", "CIUSSS de la Capitale-Nationale",
        "CIUSSS de la Mauricie-et-du-Centre-du-Québec", "CIUSSS de l'Estrie – CHUS", "CIUSSS du Centre-Ouest-de-l'Île-de-Montréal",
        "CIUSSS du Centre-Sud-de-l'Île-de-Montréal", "CIUSSS du Nord-de-l'Île-de-Montréal", "CIUSSS de l'Est-de-l'Île-de-Montréal",
        "CIUSSS de l'Ouest-de-l'Île-de-Montréal", "CISSS de l'Outaouais", "CISSS de l'Abitibi-Témiscamingue", "CISSS de la Côte-Nord",
        "CISSS de la Gaspésie", "CISSS des Îles", "CISSS de Chaudière-Appalaches", "CISSS de Laval", "CISSS de Lanaudière",
        "CISSS des Laurentides", "CISSS de la Montérégie-Centre", "CISSS de la Montérégie-Est", "CISSS de la Montérégie-Ouest",
    ];

    [BindProperty] public ApplicationInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Regions { get; private set; } = [];

    public sealed class ApplicationInput : ProfileFields
    {
        [Required(ErrorMessage = "Indiquez votre adresse courriel.")]
        [MailAddress]
        [StringLength(256, ErrorMessage = "L'adresse courriel compte au plus 256 caractères.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe compte de 10 à 200 caractères.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le mot de passe.")]
        [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
        public string ConfirmPassword { get; set; } = "";

        [Required(ErrorMessage = "Choisissez votre région.")]
        public int? HomeSectionId { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Vous devez accepter l'avis de confidentialité pour envoyer votre demande.")]
        public bool Consent { get; set; }
    }

    public async Task OnGetAsync()
    {
        if (!section.Current.IsNational) Input.HomeSectionId = section.Current.Id;
        await LoadRegionsAsync();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var regions = await LoadRegionsAsync();
        if (Input.HomeSectionId is { } id && !regions.Any(r => r.Id == id))
            ModelState.AddModelError("Input.HomeSectionId", "Choisissez une région de la liste.");
        if (!ModelState.IsValid) return Page();

        var result = await membership.ApplyAsync(
            new MembershipRequest(Input.FirstName.Trim(), Input.LastName.Trim(), Input.Email.Trim(), Input.Password,
                Input.Employer.Trim(), Input.HomeSectionId!.Value, Input.Territory?.Trim()),
            ConfirmUrl(Request),
            new ApplicationLinks(Request.AbsoluteUrl("compte/connexion"), Request.AbsoluteUrl("compte/mot-de-passe-oublie")),
            ct);
        if (!result.Succeeded)
        {
            // Only what was typed is refused (the password); an address already in use gets the same answer as a
            // new one, and its owner an e-mail.
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, error.Description);
            return Page();
        }
        return LocalRedirect(Request.PathBase + "/compte/inscription/envoyee");
    }

    internal static Func<string, string, string> ConfirmUrl(HttpRequest request) =>
        (userId, token) => request.AbsoluteUrl($"compte/confirmer?utilisateur={Uri.EscapeDataString(userId)}&code={token}");

    private async Task<IReadOnlyList<SectionInfo>> LoadRegionsAsync()
    {
        var regions = (await catalog.GetAllAsync()).Where(s => !s.IsNational && s.IsActive).OrderBy(s => s.Name, FrenchText.Comparer).ToList();
        Regions = regions.Select(r => new SelectListItem(r.Name, r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return regions;
    }
}
