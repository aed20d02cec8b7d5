using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Events;

/// <summary>The secret in the address of a member's private calendar feed.</summary>
public sealed class CalendarKeys(PortalDbContext db, TimeProvider clock)
{
    public Task<string?> SecretOfAsync(string userId, CancellationToken ct) =>
        db.Set<CalendarKey>().Where(k => k.UserId == userId).Select(k => k.Secret).FirstOrDefaultAsync(ct);

    public Task<string?> OwnerOfAsync(string secret, CancellationToken ct) =>
        db.Set<CalendarKey>().Where(k => k.Secret == secret).Select(k => (string?)k.UserId).FirstOrDefaultAsync(ct);

    /// <summary>Makes the feed's secret, or a new one: the old address stops answering at once.</summary>
    public async Task<string> RenewAsync(string userId, CancellationToken ct)
    {
        var secret = Registrar.NewCode();
        // Update first; insert when there was none; a concurrent first insert lost the race, so update again.
        if (await SetAsync(userId, secret, ct) == 0
            && !await db.InsertIfMissingAsync(new CalendarKey { UserId = userId, Secret = secret, CreatedAt = clock.GetUtcNow() }, ct))
            await SetAsync(userId, secret, ct);
        return secret;
    }

    private Task<int> SetAsync(string userId, string secret, CancellationToken ct) =>
        db.Set<CalendarKey>().Where(k => k.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(k => k.Secret, secret), ct);
}
