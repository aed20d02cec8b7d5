using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace RqiiacPortail.Web.Infrastructure.Web;

/// <summary>
/// Every signed-in page carries the sign-out form's token. ASP.NET Core makes a new one at each page (reading the
/// antiforgery cookie, writing the token: two data-protection operations, a third of a page's time); a token stays
/// valid for its cookie and its member, so the one made for this cookie and member is given again for a while.
/// Kept only when the request's own cookie was valid (no new cookie written); anonymous pages are left alone.
/// </summary>
internal sealed class ReusedAntiforgeryTokens(IAntiforgery inner, IMemoryCache memory, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(20);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext context)
    {
        if (Key(context) is not { } key) return inner.GetAndStoreTokens(context);
        if (memory.TryGetValue(key, out AntiforgeryTokenSet? kept))
        {
            // What the framework does to any page holding a token: never kept by a shared cache.
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            return kept!;
        }
        var made = inner.GetAndStoreTokens(context);
        if (made.CookieToken is null) memory.Set(key, made, Keep);
        return made;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext context) => inner.GetTokens(context);

    public Task<bool> IsRequestValidAsync(HttpContext context) => inner.IsRequestValidAsync(context);

    public Task ValidateRequestAsync(HttpContext context) => inner.ValidateRequestAsync(context);

    public void SetCookieTokenAndHeader(HttpContext context) => inner.SetCookieTokenAndHeader(context);

    private string? Key(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } member
        && context.Request.Cookies[options.Value.Cookie.Name!] is { Length: > 0 and <= 1000 } cookie
            ? $"antiforgery:{member}:{cookie}"
            : null;

    /// <summary>Wraps the framework's antiforgery (registered by Razor Pages) in this one.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(original);
        services.AddSingleton<IAntiforgery>(sp => new ReusedAntiforgeryTokens(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
            sp.GetRequiredService<IMemoryCache>(), sp.GetRequiredService<IOptions<AntiforgeryOptions>>()));
    }
}
