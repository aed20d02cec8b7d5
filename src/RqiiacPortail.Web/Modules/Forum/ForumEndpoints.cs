using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>The forum's small JSON answers for its scripts.</summary>
internal static class ForumEndpoints
{
    public static void Map(WebApplication app) =>
        // Suggestions for an @mention being typed: members only (the names are the directory's, which is theirs).
        app.MapGet("/forum/mentions", async (string? q, IMemberDirectory members, CancellationToken ct) =>
        {
            var prefix = (q ?? "").Trim().TrimStart('@');
            if (prefix.Length is < 1 or > 64) return Results.Json(Array.Empty<object>());
            var found = await members.SuggestAsync(prefix, 8, ct);
            return Results.Json(found.Select(m => new { nom = m.DisplayName, utilisateur = m.UserName }));
        }).RequireAuthorization(Policies.MembersOnly);
}
