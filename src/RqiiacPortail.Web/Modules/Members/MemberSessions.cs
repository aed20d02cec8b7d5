using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// The sessions of members, one row per sign-in. Ending one marks it in the shared cache at once (checked at every
/// request, as <see cref="SessionRevocations"/> does for a whole account) and in the database for good (checked
/// when Identity's security stamp is, every few minutes).
/// </summary>
public sealed class MemberSessions(PortalDbContext db, SessionRevocations revocations, TimeProvider clock)
{
    /// <summary>The key of the session's id in the cookie's authentication properties.</summary>
    public const string PropertyKey = "session";

    /// <summary>Sessions ended, or begun, longer ago than this are forgotten at the member's next sign-in.</summary>
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);

    public async Task<string> StartAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        db.Add(new MemberSession { Id = id, UserId = userId, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        var old = now - Keep;
        await db.Set<MemberSession>().Where(s => s.UserId == userId && (s.CreatedAt < old || s.EndedAt < now.AddDays(-1))).ExecuteDeleteAsync(ct);
        return id;
    }

    public async Task EndAsync(string sessionId, string userId, CancellationToken ct)
    {
        await db.Set<MemberSession>().Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow()), ct);
        await revocations.EndSessionAsync(sessionId, userId, ct);
    }

    /// <summary>Every session of the account, this browser's included: « Se déconnecter de tous les appareils ».</summary>
    public async Task EndAllAsync(string userId, CancellationToken ct)
    {
        await db.Set<MemberSession>().Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, clock.GetUtcNow()), ct);
        await revocations.RevokeAsync(userId, ct);
    }

    public Task<bool> IsLiveAsync(string sessionId, string userId, CancellationToken ct) =>
        db.Set<MemberSession>().AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, ct);
}
