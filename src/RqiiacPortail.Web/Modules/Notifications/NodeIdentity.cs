namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>This instance's name, stamped on what it raises so that it pushes its own notifications first.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = Name($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    private static string Name(string id) => id.Length <= 100 ? id : id[^100..];
}

/// <summary>Wakes this instance's dispatcher as soon as a notification is committed here.</summary>
public sealed class NotificationSignal : Infrastructure.Background.WakeSignal;
