namespace RqiiacPortail.Web.Infrastructure.Background;

/// <summary>
/// Lets a request wake a polling background service at once instead of at its next poll. Each service gets a
/// subclass of its own so that DI keeps them apart.
/// </summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0) try { _signal.Release(); } catch (SemaphoreFullException) { }
    }

    /// <summary>Returns when woken or after <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
