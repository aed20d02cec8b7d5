namespace RqiiacPortail.Web.Infrastructure.Background;

/// <summary>This process as the rows it claims name it (a message being sent, an event being handled, a job's period): machine and process.</summary>
public static class Instance
{
    public const int NameLength = 100;

    public static readonly string Name = Text.TextLimits.Clamp($"{Environment.MachineName}/{Environment.ProcessId}", NameLength);
}
