namespace RqiiacPortail.Web.Modules.Members.Contracts;

/// <summary>Authorization policies other modules put on their pages.</summary>
public static class Policies
{
    /// <summary>Approved members of any section (<c>[Authorize(Policy = Policies.MembersOnly)]</c>).</summary>
    public const string MembersOnly = "membres";
}
