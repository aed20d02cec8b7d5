using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using RqiiacPortail.Web.Infrastructure.Text;

namespace RqiiacPortail.Web.Modules.Forum.Pages;

/// <summary>A post as its form sends it: a reply, or the first post of a new thread.</summary>
public class PostInput
{
    [Required(ErrorMessage = "Écrivez votre message.")]
    [StringLength(ForumPost.MaxBody, ErrorMessage = "Un message compte au plus 20 000 caractères.")]
    [Markdown]
    public string Body { get; set; } = "";

    /// <summary>Where the category allows one; left empty, the post goes out under the member's name.</summary>
    [StringLength(ForumPost.MaxPseudonym, ErrorMessage = "Un pseudonyme compte au plus 40 caractères.")]
    [SingleLine]
    public string? Pseudonym { get; set; }

    /// <summary>The author looked at the personal information found and confirms nobody can be identified.</summary>
    public bool Confirmed { get; set; }

    public int? QuotedPostId { get; set; }

    /// <summary>The author of a thread started under a pseudonym signs this reply with her name instead…</summary>
    public bool UnderOwnName { get; set; }

    /// <summary>…and confirms she knows it tells members she started the thread.</summary>
    public bool UnderOwnNameConfirmed { get; set; }

    public Draft ToDraft() => new(Body, Pseudonym, QuotedPostId, UnderOwnName && UnderOwnNameConfirmed);
}

/// <summary>The checks a post's form makes beyond its fields' own: the pseudonym, and the personal information of a dilemma.</summary>
public static class PostChecks
{
    /// <summary>
    /// The pseudonym the post would go out under: passing for no member, and nobody else's in the thread; and the
    /// author of a pseudonymous thread who signs with her name has confirmed it.
    /// </summary>
    public static async Task CheckPseudonymAsync(ForumPseudonyms pseudonyms, ForumReader reader, ForumCategory category, ForumThread? thread,
        PostInput input, ModelStateDictionary state, string prefix, CancellationToken ct)
    {
        if (ForumPseudonyms.IsThreadsOwn(reader, thread))
        {
            input.Pseudonym = thread!.Pseudonym;
            if (input.UnderOwnName && !input.UnderOwnNameConfirmed)
                state.AddModelError($"{prefix}.UnderOwnNameConfirmed", "Confirmez que vous signez de votre nom : les membres sauront que vous avez lancé ce sujet sous pseudonyme.");
            return;
        }
        if (reader.UserId is null || state[$"{prefix}.Pseudonym"]?.Errors.Count > 0
            || ForumPseudonyms.Of(reader, category, thread, input.ToDraft()) is not { } pseudonym) return;
        if (await pseudonyms.RefusedAsync(reader.UserId, thread, pseudonym, ct) is { } why) state.AddModelError($"{prefix}.Pseudonym", why);
    }

    /// <returns>The personal information found that the author has not confirmed yet (the form then shows it), or an empty list.</returns>
    /// <param name="threadsOwn">The thread's own pseudonym, which its author writes under: checked when she started it.</param>
    public static IReadOnlyList<PersonalInfoFinding> Check(PostInput input, ForumCategory category, ClaimsPrincipal user, ModelStateDictionary state, string prefix,
        string? threadsOwn = null)
    {
        if (!string.IsNullOrWhiteSpace(input.Pseudonym) && input.Pseudonym != threadsOwn)
        {
            if (!category.AllowsPseudonyms)
                state.AddModelError($"{prefix}.Pseudonym", "Cette catégorie n'accepte pas les pseudonymes.");
            else if (RevealsAuthor(input.Pseudonym, user))
                state.AddModelError($"{prefix}.Pseudonym", "Ce pseudonyme ressemble à votre nom : choisissez-en un qui ne vous identifie pas.");
        }
        // In the ethics category the situation is described de-identified: the tool library's check runs on it.
        if (!category.AllowsPseudonyms || input.Confirmed) return [];
        var found = PersonalInformation.Find(input.Body, "le message");
        if (found.Count > 0)
            state.AddModelError($"{prefix}.Confirmed", "Des renseignements personnels semblent figurer dans le message : retirez-les, ou confirmez qu'ils n'identifient personne.");
        return found;
    }

    private static bool RevealsAuthor(string pseudonym, ClaimsPrincipal user)
    {
        var chosen = pseudonym.Trim();
        var name = user.FindFirstValue("display_name") ?? "";
        return chosen.Contains('@')
            || name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append(name).Append(user.Identity?.Name ?? "")
                .Any(part => part.Length >= 3 && chosen.Contains(part, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>What the shared fields of a post's form show: its values, whether a pseudonym is offered, what the check found.</summary>
/// <param name="BodyRequired">False where a template's answers may stand in for the free text (a dilemma).</param>
/// <param name="OwnPseudonym">The pseudonym of the thread its author replies in: shown, not editable, with the choice to sign with her name.</param>
public sealed record PostFields(PostInput Input, ForumCategory Category, IReadOnlyList<PersonalInfoFinding> Findings, string Label = "Votre message", bool? OffersPseudonym = null,
    string? OwnPseudonym = null, bool BodyRequired = true)
{
    public bool ShowsPseudonym => OffersPseudonym ?? Category.AllowsPseudonyms;
}
