namespace RqiiacPortail.Web.Infrastructure.Background;

/// <summary>
/// Wakes every waiting worker at once (a lane's workers), where <see cref="WakeSignal"/> wakes one: a single wake-up
/// taken by one worker, or by another service, would leave the others asleep until their next poll.
/// </summary>
public abstract class BroadcastSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns when woken or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await Volatile.Read(ref _next).Task.WaitAsync(timeout, ct); }
        catch (TimeoutException) { }
    }
}
