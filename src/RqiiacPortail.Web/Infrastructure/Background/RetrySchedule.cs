namespace RqiiacPortail.Web.Infrastructure.Background;

/// <summary>When an outbox row that failed is tried again: the first delay, doubled at each attempt, up to 1,024 times it.</summary>
public static class RetrySchedule
{
    public static DateTimeOffset Next(DateTimeOffset now, TimeSpan firstDelay, int attempts) =>
        now + firstDelay * Math.Pow(2, Math.Clamp(attempts - 1, 0, 10));
}
