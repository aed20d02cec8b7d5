namespace RqiiacPortail.Web.Modules.Members.Contracts;

/// <summary>
/// Role names (identifiers, not shown): Member, Coordinator and Moderator are granted per section; Board and
/// Administrator are national.
/// </summary>
public static class Roles
{
    public const string Member = "Member";
    public const string Coordinator = "Coordinator";
    public const string Moderator = "Moderator";
    public const string Board = "Board";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> SectionRoles = [Member, Coordinator, Moderator];
    public static readonly IReadOnlyList<string> NationalRoles = [Board, Administrator];

    public static string Label(string role) => role switch
    {
        Member => "Membre",
        Coordinator => "Coordination régionale",
        Moderator => "Modération",
        Board => "Conseil d'administration",
        Administrator => "Administration",
        _ => role,
    };
}
