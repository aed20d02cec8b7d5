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

    public Draft ToDraft() => new(Body, Pseudonym, QuotedPostId);
}

/// <summary>The checks a post's form makes beyond its fields' own: the pseudonym, and the personal information of a dilemma.</summary>
public static class PostChecks
{
    /// <returns>The personal information found that the author has not confirmed yet (the form then shows it), or an empty list.</returns>
    public static IReadOnlyList<PersonalInfoFinding> Check(PostInput input, ForumCategory category, ClaimsPrincipal user, ModelStateDictionary state, string prefix)
    {
        if (!string.IsNullOrWhiteSpace(input.Pseudonym))
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
public sealed record PostFields(PostInput Input, ForumCategory Category, IReadOnlyList<PersonalInfoFinding> Findings, string Label = "Votre message", bool? OffersPseudonym = null)
{
    public bool ShowsPseudonym => OffersPseudonym ?? Category.AllowsPseudonyms;
}
