using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Distributed;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// Ends an account's other sessions at once when its password is reset or changed. Identity's security-stamp
/// check only runs every few minutes (reading the database at each request would cost every page); until it
/// does, this shared mark (Redis in a cluster) refuses any cookie issued before the change.
/// </summary>
public sealed class SessionRevocations(IDistributedCache cache, TimeProvider clock)
{
    // Long enough for the security-stamp check to have taken over everywhere.
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    public Task RevokeAsync(string userId, CancellationToken ct)
    {
        // Cookies carry their issue time to the second: a session issued in this very second (the member's own,
        // refreshed right after the change) is kept.
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return cache.SetStringAsync(Key(userId), now.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Keep }, ct);
    }

    public async Task<bool> IsRevokedAsync(string userId, DateTimeOffset? issuedAt, CancellationToken ct) =>
        long.TryParse(await cache.GetStringAsync(Key(userId), ct), out var revokedAt)
        && (issuedAt is null || issuedAt.Value.ToUnixTimeSeconds() < revokedAt);

    private static string Key(string userId) => "sessions-revoquees:" + userId;

    /// <summary>The cookie check: the revocation mark first, then Identity's own security-stamp validation.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var userId = context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        var revocations = context.HttpContext.RequestServices.GetRequiredService<SessionRevocations>();
        if (userId is not null && await revocations.IsRevokedAsync(userId, context.Properties.IssuedUtc, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Identity's own test of whether the check is due, made before resolving its validator: resolving it builds
        // the sign-in manager, the user manager and a database context at every request, only to find it is not due.
        var options = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value;
        var clock = options.TimeProvider ?? context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (context.Properties.IssuedUtc is { } issued && clock.GetUtcNow() - issued <= options.ValidationInterval) return;
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
