using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Background;

/// <summary>
/// A hosted service that runs one piece of work at start and then every <see cref="Period"/>, once per period
/// across all the instances sharing the database: each run first takes its period's <see cref="JobRun"/> row, and
/// an instance that finds it taken waits for the next period. The wait is on the injected clock, so tests can move
/// time; a failed run gives its period back (another instance may try) and is logged, and the next one tries again
/// (the database may be briefly unreachable).
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected IServiceScopeFactory Scopes { get; } = scopes;

    protected abstract TimeSpan Period { get; }

    /// <summary>What the log says when a run fails, in French like the rest of the operator's log.</summary>
    protected abstract string FailureMessage { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var job = GetType().Name;
        // Not before the database is migrated (the job may have been registered before its initializer).
        DatabaseReady? ready;
        using (var scope = Scopes.CreateScope()) ready = scope.ServiceProvider.GetService<DatabaseReady>();
        if (ready is not null)
        {
            try { await ready.WhenReady.WaitAsync(stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var period = PeriodOf(Clock.GetUtcNow(), Period);
            var taken = false;
            try
            {
                taken = await WithDbAsync(db => TakeAsync(db, job, period, Instance.Name, stoppingToken));
                if (taken) await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Failure}", FailureMessage);
                if (taken)
                {
                    try { await WithDbAsync(db => GiveBackAsync(db, job, period, stoppingToken)); }
                    catch (Exception again) when (again is not OperationCanceledException) { logger.LogWarning(again, "Période de {Job} non rendue.", job); }
                }
            }
            try { await Task.Delay(Period, Clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>The start of the period a moment falls in (periods counted from the epoch, in UTC).</summary>
    internal static DateTimeOffset PeriodOf(DateTimeOffset now, TimeSpan period) =>
        new(now.UtcTicks - now.UtcTicks % period.Ticks, TimeSpan.Zero);

    /// <summary>
    /// Takes a job's period for this instance: one statement that inserts the key or does nothing, so of any
    /// number of instances at once one gets true. Rows of the job older than a day are dropped on the way.
    /// </summary>
    internal static async Task<bool> TakeAsync(PortalDbContext db, string job, DateTimeOffset period, string owner, CancellationToken ct)
    {
        if (!await db.InsertIfMissingAsync(new JobRun { Job = job, Period = period, Owner = owner }, ct)) return false;
        var old = period.AddDays(-1);
        await db.Set<JobRun>().Where(r => r.Job == job && r.Period < old).ExecuteDeleteAsync(ct);
        return true;
    }

    private static async Task<bool> GiveBackAsync(PortalDbContext db, string job, DateTimeOffset period, CancellationToken ct) =>
        await db.Set<JobRun>().Where(r => r.Job == job && r.Period == period).ExecuteDeleteAsync(ct) > 0;
}
