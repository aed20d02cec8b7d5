namespace RqiiacPortail.Web.Modules.Notifications.Contracts;

/// <summary>How a member wants a kind of notification: on the site only, by e-mail at once, or in a daily digest.</summary>
public enum Delivery
{
    Site = 0,
    Email = 1,
    Digest = 2,
}

/// <param name="Key">Stable identifier, stored with each notification and preference.</param>
/// <param name="Label">What the preferences page calls it.</param>
/// <param name="Icon">The icon beside it in the list (a Lucide name).</param>
public sealed record NotificationKind(string Key, string Label, Delivery DefaultDelivery, string Icon = "bell");

/// <summary>
/// The kinds of notification this site's modules raise: each module declares its own from its entry point
/// (<see cref="NotificationKindRegistration.AddNotificationKind"/>), so the preferences page offers exactly those.
/// </summary>
public interface INotificationKinds
{
    IReadOnlyList<NotificationKind> All { get; }

    NotificationKind? Find(string key);
}

public static class NotificationKindRegistration
{
    /// <summary>Declares, from a module's entry point, a kind it raises.</summary>
    public static IServiceCollection AddNotificationKind(this IServiceCollection services, NotificationKind kind) =>
        services.AddSingleton(kind);
}
