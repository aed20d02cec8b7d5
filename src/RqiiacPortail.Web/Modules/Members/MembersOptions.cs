namespace RqiiacPortail.Web.Modules.Members;

public sealed class MembersOptions
{
    public const string Section = "Members";

    /// <summary>
    /// How long an application waits for its address to be confirmed before it is deleted, so that nobody
    /// holds someone else's address by applying with it.
    /// </summary>
    public TimeSpan KeepUnconfirmedFor { get; set; } = TimeSpan.FromDays(7);
}
