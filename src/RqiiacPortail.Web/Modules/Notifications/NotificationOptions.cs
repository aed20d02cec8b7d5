namespace RqiiacPortail.Web.Modules.Notifications;

public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Read notifications older than this are deleted.</summary>
    public TimeSpan KeepReadFor { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often each instance looks for notifications to push when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this, any instance pushes a notification its raiser did not (it may have stopped).</summary>
    public TimeSpan OrphanAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time zone of digest hours: Québec's.</summary>
    public string TimeZone { get; set; } = "America/Toronto";
}
