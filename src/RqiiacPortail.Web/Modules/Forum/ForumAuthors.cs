using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>
/// The name shown beside a post or a thread: its pseudonym when it has one (never anything that leads to the
/// person), the member's name otherwise, « Membre retiré·e » once they closed their account.
/// </summary>
public sealed class ForumAuthors(IMemberDirectory members)
{
    public const string FormerMember = "Membre retiré·e";

    /// <summary>Who wrote the sample threads of a recipe.</summary>
    public const string RecipeAuthor = "recette";

    public const string RecipeLabel = "Équipe du RQIIAC";

    public sealed class Names(IReadOnlyDictionary<string, MemberProfile> profiles)
    {
        public string Label(string? authorId, string? pseudonym) =>
            pseudonym ?? authorId switch
            {
                null => FormerMember,
                RecipeAuthor => RecipeLabel,
                _ => profiles.TryGetValue(authorId, out var p) ? p.DisplayName : FormerMember,
            };

        /// <summary>The user name others mention the author by, never for a pseudonymous post.</summary>
        public string? UserName(string? authorId, string? pseudonym) =>
            pseudonym is null && authorId is not null && profiles.TryGetValue(authorId, out var p) ? p.UserName : null;
    }

    public async Task<Names> ForAsync(IEnumerable<(string? AuthorId, string? Pseudonym)> authors, CancellationToken ct)
    {
        // Pseudonymous posts are never looked up: nothing about their author is even loaded for the page.
        var ids = authors.Where(a => a.Pseudonym is null && a.AuthorId is { } id && id != RecipeAuthor).Select(a => a.AuthorId!).Distinct().ToList();
        return new Names((await members.ProfilesAsync(ids, ct)).ToDictionary(p => p.Id));
    }
}
