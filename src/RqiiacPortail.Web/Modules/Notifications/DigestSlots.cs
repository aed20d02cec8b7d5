namespace RqiiacPortail.Web.Modules.Notifications;

/// <summary>When a daily digest hour falls, in Québec's time, daylight saving included.</summary>
internal static class DigestSlots
{
    /// <summary>The latest moment, at or before <paramref name="now"/>, when the local clock read <paramref name="hour"/> h 00.</summary>
    public static DateTimeOffset Latest(DateTimeOffset now, int hour, TimeZoneInfo zone)
    {
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var slot = At(today, hour, zone);
        return slot <= now ? slot : At(today.AddDays(-1), hour, zone);
    }

    // The offset of that day at that hour, not today's: the morning after a change of time is an hour apart.
    private static DateTimeOffset At(DateTime day, int hour, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(day.AddHours(hour), DateTimeKind.Unspecified);
        // An hour skipped by the spring change (2 h) falls to the next real one.
        while (zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
