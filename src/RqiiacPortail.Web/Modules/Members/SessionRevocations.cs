using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Distributed;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// Ends an account's other sessions at once when its password is reset or changed, and one browser's session when
/// it signs out. Identity's security-stamp
/// check only runs every few minutes (reading the database at each request would cost every page); until it
/// does, this shared mark (Redis in a cluster) refuses any cookie issued before the change.
/// </summary>
public sealed class SessionRevocations(IDistributedCache cache, Infrastructure.Web.ILiveAccess live, TimeProvider clock)
{

    // Long enough for the security-stamp check to have taken over everywhere.
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    public async Task RevokeAsync(string userId, CancellationToken ct)
    {
        // Cookies carry their issue time to the second: a session issued in this very second (the member's own,
        // refreshed right after the change) is kept.
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await cache.SetStringAsync(Key(userId), now.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Keep }, ct);
        // Their live connections close; the pages that reconnect with a session still good are let back in.
        await live.MemberChangedAsync(userId, ct);
    }

    /// <summary>One browser's session ended (signed out): its cookie, and any copy of it, is refused from now on.</summary>
    public async Task EndSessionAsync(string sessionId, string userId, CancellationToken ct)
    {
        await cache.SetStringAsync(SessionKey(sessionId), "1", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Keep }, ct);
        await live.MemberChangedAsync(userId, ct);
    }

    public async Task<bool> IsSessionEndedAsync(string sessionId, CancellationToken ct) => await cache.GetStringAsync(SessionKey(sessionId), ct) is not null;

    public async Task<bool> IsRevokedAsync(string userId, DateTimeOffset? issuedAt, CancellationToken ct) =>
        long.TryParse(await cache.GetStringAsync(Key(userId), ct), out var revokedAt)
        && (issuedAt is null || issuedAt.Value.ToUnixTimeSeconds() < revokedAt);

    private static string Key(string userId) => "sessions-revoquees:" + userId;

    private static string SessionKey(string sessionId) => "session-terminee:" + sessionId;

    /// <summary>
    /// The cookie check: the marks of a revoked account and of an ended session first (every request, from the shared
    /// cache); then, when Identity's security stamp is due, the session's row (ended for good, or unknown: a cookie
    /// from before sessions were kept) and the stamp itself.
    /// </summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var http = context.HttpContext;
        var revocations = http.RequestServices.GetRequiredService<SessionRevocations>();
        var session = context.Properties.Items.TryGetValue(MemberSessions.PropertyKey, out var id) ? id : null;
        if (userId is not null && (await revocations.IsRevokedAsync(userId, context.Properties.IssuedUtc, http.RequestAborted)
                                   || session is not null && await revocations.IsSessionEndedAsync(session, http.RequestAborted)))
        {
            await RejectAsync(context);
            return;
        }
        // Identity's own test of whether the check is due, made before resolving its validator: resolving it builds
        // the sign-in manager, the user manager and a database context at every request, only to find it is not due.
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var clock = options.TimeProvider ?? http.RequestServices.GetRequiredService<TimeProvider>();
        if (context.Properties.IssuedUtc is { } issued && clock.GetUtcNow() - issued <= options.ValidationInterval) return;
        if (userId is null || session is null || !await http.RequestServices.GetRequiredService<MemberSessions>().IsLiveAsync(session, userId, http.RequestAborted))
        {
            await RejectAsync(context);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
