using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using RqiiacPortail.Web.Modules.Members.Contracts;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// The members module's audiences: everyone; the network's members (the members policy, so a board-only account
/// counts, in the forum as in tools and search); the members of each section where one holds any role.
/// </summary>
internal sealed class MemberAudiences(IAuthorizationService authorization, IMemberRoles roles) : IAudienceKind
{
    public async Task<IEnumerable<Audience>> OfAsync(ClaimsPrincipal user, string? userId, CancellationToken ct)
    {
        var audiences = new List<Audience> { Audience.Everyone };
        if (userId is null) return audiences;
        if ((await authorization.AuthorizeAsync(user, Policies.MembersOnly)).Succeeded) audiences.Add(Audience.Members);
        foreach (var role in Roles.SectionRoles)
            audiences.AddRange((await roles.SectionsWhereAsync(userId, role, ct)).Select(Audience.SectionMembers));
        return audiences;
    }
}

/// <summary>Every module's kinds together, for one request (scoped: a page asking twice asks once).</summary>
internal sealed class AudienceResolver(IEnumerable<IAudienceKind> kinds) : IAudiences
{
    private (ClaimsPrincipal User, ReaderAudiences Audiences)? _last;

    public async Task<ReaderAudiences> OfAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (_last is { } last && ReferenceEquals(last.User, user)) return last.Audiences;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var all = new HashSet<Audience>();
        foreach (var kind in kinds) all.UnionWith(await kind.OfAsync(user, userId, ct));
        var audiences = userId is null && all.SetEquals(ReaderAudiences.Visitor.All) ? ReaderAudiences.Visitor : new ReaderAudiences(all);
        _last = (user, audiences);
        return audiences;
    }
}
