using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// Failed sign-ins counted per address typed <i>and</i> client address, whether or not an account has that
/// address: an attacker elsewhere cannot lock the owner (or the administrator) out, and the lockout message
/// comes the same way for every address, so it tells nobody which ones have accounts. The account's security
/// stamp is part of the key: after a password reset, the owner starts afresh at once.
/// </summary>
public sealed class SignInThrottle(IDistributedCache cache, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public async Task<bool> IsLockedAsync(string email, string? client, string? stamp, CancellationToken ct) =>
        await CountAsync(Key(email, client, stamp), ct) >= MaxFailures;

    public async Task FailedAsync(string email, string? client, string? stamp, CancellationToken ct)
    {
        var key = Key(email, client, stamp);
        var count = await CountAsync(key, ct) + 1;
        await cache.SetStringAsync(key, count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new DistributedCacheEntryOptions { AbsoluteExpiration = clock.GetUtcNow() + Window }, ct);
    }

    public Task SucceededAsync(string email, string? client, string? stamp, CancellationToken ct) => cache.RemoveAsync(Key(email, client, stamp), ct);

    private async Task<int> CountAsync(string key, CancellationToken ct) =>
        int.TryParse(await cache.GetStringAsync(key, ct), out var n) ? n : 0;

    // Hashed: the cache (Redis) never holds addresses in clear.
    private static string Key(string email, string? client, string? stamp) =>
        "connexion:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{email.Trim().ToUpperInvariant()}\n{client}\n{stamp}")));
}
