using System.Globalization;
using System.Security.Claims;
using RqiiacPortail.Web.Infrastructure.Caching;
using RqiiacPortail.Web.Infrastructure.Web;

namespace RqiiacPortail.Web.Modules.Forum;

/// <summary>A reader given a thread's page kept for their kind has read it as far as its last post, as if it was made for them.</summary>
internal sealed class ForumThreadVisit(ForumService forum) : IKeptPageVisit
{
    public async Task VisitedAsync(HttpContext context, string? remembered, CancellationToken ct)
    {
        // The address matched the id-slug constraint before any filter ran.
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } me && int.TryParse(remembered, CultureInfo.InvariantCulture, out var last)
            && context.GetRouteValue("cle") is string key)
            await forum.MarkReadAsync(me, IdSlugConstraint.Id(key), last, ct);
    }
}
