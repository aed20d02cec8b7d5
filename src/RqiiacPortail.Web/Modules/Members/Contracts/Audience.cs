using System.Globalization;
using System.Security.Claims;

namespace RqiiacPortail.Web.Modules.Members.Contracts;

/// <summary>
/// Who may see a piece of content, as one key: the same key is stored in the search index and matched against the
/// audiences a reader belongs to, so that the pages, search and what comes next (the directory, the stories) apply
/// one rule. The kinds are open: a module contributes its own with an <see cref="IAudienceKind"/> (the members
/// module gives everyone, the network's members and each section's members).
/// </summary>
public readonly record struct Audience(string Key)
{
    public static readonly Audience Everyone = new("public");

    /// <summary>The network's members: who the members policy lets in, a board-only account included.</summary>
    public static readonly Audience Members = new("membres");

    /// <summary>The people who hold a role in that section (member, coordination, moderation).</summary>
    public static Audience SectionMembers(int sectionId) => new("section:" + sectionId.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => Key;
}

/// <summary>
/// A kind of audience a module contributes: which of its audiences a person belongs to. Decided from the person's
/// grants alone (what <see cref="IMemberRoles.KindAsync"/> sums up): signed-in pages are kept per kind of reader.
/// </summary>
public interface IAudienceKind
{
    /// <param name="userId">Null for a visitor.</param>
    Task<IEnumerable<Audience>> OfAsync(ClaimsPrincipal user, string? userId, CancellationToken ct);
}

/// <summary>The audiences one person belongs to, every kind together.</summary>
public sealed record ReaderAudiences(IReadOnlySet<Audience> All)
{
    public static readonly ReaderAudiences Visitor = new(new HashSet<Audience> { Audience.Everyone });

    public bool Includes(Audience audience) => All.Contains(audience);

    /// <summary>A member of the network (<see cref="Audience.Members"/>).</summary>
    public bool IsMember => All.Contains(Audience.Members);
}

/// <summary>What other modules ask: the audiences of the person making the request, worked out once per request.</summary>
public interface IAudiences
{
    Task<ReaderAudiences> OfAsync(ClaimsPrincipal user, CancellationToken ct = default);
}
