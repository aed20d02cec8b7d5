using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RqiiacPortail.Web.Infrastructure.Web;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

internal static class Unseen
{
    /// <summary>
    /// What a reader may not see answers as what does not exist, so that no answer tells one from the other: a
    /// visitor is asked to sign in (it may be for members, and so may an unknown address), a member gets a 404.
    /// </summary>
    public static IActionResult NotForThisReader(this PageModel page) =>
        page.User.Identity?.IsAuthenticated == true ? page.NotFound() : page.Challenge();

    /// <summary>
    /// A member of another region before a section's own category or thread: its existence is no secret (the
    /// category is listed on that section's forum), so they are told whose it is rather than sent a « page introuvable ».
    /// </summary>
    public static async Task<IActionResult> NotReadableAsync(this PageModel page, ForumReader reader, ForumCategory category, string what,
        ISectionCatalog catalog, CancellationToken ct) =>
        reader.UserId is not null && category.Access == CategoryAccess.SectionMembers && await catalog.FindAsync(category.SectionId, ct) is { } section
            ? page.ReservedToSection(what, section)
            : page.NotForThisReader();

    private static IActionResult ReservedToSection(this PageModel page, string what, SectionInfo section) =>
        page.Explained(StatusCodes.Status403Forbidden, new ErrorExplanation("Réservé aux membres de la section",
            $"{what} aux membres de la section {section.Name}. Pour y participer, demandez à sa coordination de vous y ajouter.",
            $"{section.PathPrefix}/forum", $"Le forum de la section {section.Name}"));
}
