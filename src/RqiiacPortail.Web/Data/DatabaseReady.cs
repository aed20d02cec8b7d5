namespace RqiiacPortail.Web.Data;

/// <summary>
/// Opened once the database is migrated, and on a first start given the national recipe: background work waits for
/// it, whatever order the hosted services were registered in (a job registered before the initializer would otherwise
/// run its first pass against tables that do not exist yet).
/// </summary>
public sealed class DatabaseReady
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenReady => _ready.Task;

    internal void Open() => _ready.TrySetResult();
}
