using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RqiiacPortail.Web.Modules.Errors.Pages;

/// <summary>Re-executed for error statuses (UseStatusCodePagesWithReExecute): a French page, the original status kept.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErreurModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public Infrastructure.Web.ErrorExplanation? Explanation { get; private set; }

    public void OnGet(int code) => Describe(code);

    // A failed POST (a forged form, say) is re-executed as a POST too.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        (Title, Message) = code switch
        {
            400 => ("Requête invalide", "Le formulaire envoyé n'a pas pu être accepté. S'il est resté ouvert longtemps, rechargez la page et recommencez."),
            403 => ("Accès refusé", "Vous n'avez pas accès à cette page avec votre compte."),
            404 => ("Page introuvable", "Cette page n'existe pas ou n'existe plus. Vérifiez l'adresse."),
            405 => ("Action non permise", "Cette page ne permet pas cette action."),
            409 => ("Conflit", "Ces données ont été modifiées entre-temps. Rechargez la page."),
            413 => ("Envoi trop volumineux", "Ce que vous avez envoyé dépasse la taille permise."),
            429 => ("Trop de tentatives", "Patientez une minute avant de réessayer."),
            _ when code is >= 500 and <= 599 => ("Erreur du serveur", "Une erreur imprévue est survenue. Elle a été consignée ; réessayez dans un moment."),
            _ => ("Erreur", "La demande n'a pas pu être traitée."),
        };
        Response.StatusCode = code is >= 400 and <= 599 ? code : 400;
        // The page that refused may have said why, better than the general message.
        if (Infrastructure.Web.ErrorExplanation.Of(HttpContext) is { } explained) (Title, Message, Explanation) = (explained.Title, explained.Message, explained);
    }
}
