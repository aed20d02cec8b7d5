using RqiiacPortail.Web.Modules.Notifications.Contracts;

namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>The kinds the modules declared, in the order their modules were added (the preferences page's order).</summary>
internal sealed class NotificationKindRegistry : INotificationKinds
{
    public NotificationKindRegistry(IEnumerable<NotificationKind> declared)
    {
        All = declared.ToList();
        if (All.GroupBy(k => k.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidOperationException($"The notification kind '{twice.Key}' is declared twice.");
    }

    public IReadOnlyList<NotificationKind> All { get; }

    public NotificationKind? Find(string key) => All.FirstOrDefault(k => k.Key == key);
}
