namespace RqiiacPortail.Web.Infrastructure.Background;

/// <summary>
/// A hosted service that runs one piece of work at start and then every <see cref="Period"/>. The wait is on the
/// injected clock, so tests can move time; a failed run is logged and the next one tries again (the database may
/// be briefly unreachable).
/// </summary>
public abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Period { get; }

    /// <summary>What the log says when a run fails, in French like the rest of the operator's log.</summary>
    protected abstract string FailureMessage { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Failure}", FailureMessage);
            }
            try { await Task.Delay(Period, Clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
