using RqiiacPortail.Web.Infrastructure.Background;
using RqiiacPortail.Web.Modules.Bulletin.Sending;
using RqiiacPortail.Web.Modules.Bulletin.Subscriptions;

namespace RqiiacPortail.Web.Modules.Bulletin;

/// <summary>
/// Every minute, once across the instances: scheduled issues whose time has come are published (each by one
/// conditional write, so never twice), the ledger copies what the outbox says of each message, and addresses that
/// never confirmed are forgotten once their link expired.
/// </summary>
internal sealed class BulletinJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BulletinJobs> logger) : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromMinutes(1);

    protected override string FailureMessage => "Échec du travail du bulletin (publications programmées, registre des envois, adresses non confirmées).";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        await RunAsync(scope.ServiceProvider, ct);
    }

    /// <summary>One pass (what the tests call with a moved clock).</summary>
    public static async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<BulletinPublisher>().PublishDueAsync(ct);
        await services.GetRequiredService<BulletinLedger>().KeepAsync(ct);
        await services.GetRequiredService<BulletinSubscriptions>().ForgetUnconfirmedAsync(ct);
    }
}
