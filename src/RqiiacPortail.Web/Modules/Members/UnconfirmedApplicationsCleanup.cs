using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure.Background;

namespace RqiiacPortail.Web.Modules.Members;

/// <summary>
/// Once an hour: accounts whose address was never confirmed within <see cref="MembersOptions.KeepUnconfirmedFor"/>
/// are deleted with their application, which frees the address for its real owner.
/// </summary>
internal sealed class UnconfirmedApplicationsCleanup(
    IServiceScopeFactory scopes,
    IOptions<MembersOptions> options,
    TimeProvider clock,
    ILogger<UnconfirmedApplicationsCleanup> logger) : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string FailureMessage => "Échec de la suppression des demandes d'adhésion jamais confirmées.";

    protected override Task RunOnceAsync(CancellationToken ct) => DeleteExpiredAsync(ct);

    internal async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var before = Clock.GetUtcNow() - options.Value.KeepUnconfirmedFor;
        var expired = await users.Users.Where(u => !u.EmailConfirmed && u.Status == MembershipStatus.AwaitingEmail && u.CreatedAt < before)
            .OrderBy(u => u.CreatedAt).Take(500).ToListAsync(ct);
        foreach (var user in expired) await users.DeleteAsync(user);
        if (expired.Count > 0) logger.LogInformation("{Count} demandes d'adhésion jamais confirmées supprimées.", expired.Count);
        return expired.Count;
    }
}
