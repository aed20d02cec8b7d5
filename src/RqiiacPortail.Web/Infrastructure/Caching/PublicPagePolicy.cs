using Microsoft.AspNetCore.OutputCaching;

namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// Pages every visitor sees alike, kept whole for anonymous visitors. A copy is keyed by the address (host,
/// section prefix, path, every query value) and by the generations of every cache area, so that the request
/// after any committed change makes a new one, on every instance; the old copies are simply never asked for again.
/// Never kept: a signed-in reader's page (their name, their bell, their sign-out form's token), a response that
/// sets a cookie (a message shown once) or carries a form's token (antiforgery marks it no-store), anything but a
/// 200, an address with a long query (every made-up query would otherwise be one more copy to keep).
/// </summary>
/// <param name="varyBy">What else the page depends on that no generation says (the search index this instance reads);
/// null from it keeps nothing.</param>
public sealed class PublicPagePolicy(Func<HttpContext, string?>? varyBy = null) : IOutputCachePolicy
{
    public const string Name = "pages-publiques";
    public const string Tag = "pages";
    private const int MaxQueryLength = 300;

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        var request = context.HttpContext.Request;
        var keepable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.HttpContext.User.Identity?.IsAuthenticated != true && !request.Headers.ContainsKey("Authorization")
            && !request.Cookies.ContainsKey(Web.Flash.CookieName)
            && request.QueryString.Value?.Length is null or <= MaxQueryLength;
        var stamp = keepable ? await context.HttpContext.RequestServices.GetRequiredService<ContentGenerations>().StampAllAsync(ct) : null;
        if (stamp is not null && varyBy is not null) stamp = varyBy(context.HttpContext) is { } also ? $"{stamp}|{also}" : null;
        context.EnableOutputCaching = stamp is not null;
        if (stamp is null) return;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["generations"] = stamp;
        context.Tags.Add(Tag);
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0
            || response.Headers.CacheControl.Any(v => v?.Contains("no-store", StringComparison.OrdinalIgnoreCase) == true)
            || context.HttpContext.User.Identity?.IsAuthenticated == true)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
