using RqiiacPortail.Web.Modules.Members.Contracts;
using RqiiacPortail.Web.Modules.Tools;

namespace RqiiacPortail.UnitTests;

/// <summary>Who sees a tool: the rule <see cref="ToolReader"/> writes once for pages, downloads and lists.</summary>
public sealed class ToolVisibilityRules
{
    private const int Lanaudiere = 14, Monteregie = 16;

    private static Tool Tool(ToolStatus status, ToolVisibility visibility, string author = "autrice") => new()
    {
        SectionId = Lanaudiere, Title = "Grille", Summary = "", Licence = "cc-by-4.0", CreatedById = author, Status = status, Visibility = visibility,
    };

    private static ReaderAudiences MemberOf(params int[] sections) =>
        new(new HashSet<Audience>([Audience.Everyone, Audience.Members, .. sections.Select(Audience.SectionMembers)]));

    private static readonly ToolReader Visitor = new(null, ReaderAudiences.Visitor, new HashSet<int>(), false);
    private static readonly ToolReader SameRegion = new("membre", MemberOf(Lanaudiere), new HashSet<int>(), false);
    private static readonly ToolReader OtherRegion = new("ailleurs", MemberOf(Monteregie), new HashSet<int>(), false);
    private static readonly ToolReader Coordinator = new("coordo", MemberOf(Lanaudiere), new HashSet<int> { Lanaudiere }, false);
    private static readonly ToolReader Board = new("conseil", MemberOf(), new HashSet<int>(), false);
    private static readonly ToolReader Author = new("autrice", MemberOf(Monteregie), new HashSet<int>(), false);

    public static TheoryData<string, ToolStatus, ToolVisibility, bool> Cases() => new()
    {
        { "visiteur", ToolStatus.Published, ToolVisibility.Public, true },
        { "visiteur", ToolStatus.Published, ToolVisibility.Members, false },
        { "visiteur", ToolStatus.Published, ToolVisibility.SectionMembers, false },
        { "même région", ToolStatus.Published, ToolVisibility.SectionMembers, true },
        { "autre région", ToolStatus.Published, ToolVisibility.Members, true },
        { "autre région", ToolStatus.Published, ToolVisibility.SectionMembers, false },
        { "autre région", ToolStatus.Draft, ToolVisibility.Public, false },
        { "autrice", ToolStatus.Draft, ToolVisibility.SectionMembers, true },
        { "coordination", ToolStatus.Draft, ToolVisibility.Public, true },
        { "autrice", ToolStatus.Withdrawn, ToolVisibility.Public, false },
        { "coordination", ToolStatus.Withdrawn, ToolVisibility.Public, false },
        { "conseil seulement", ToolStatus.Published, ToolVisibility.Members, true },
        { "conseil seulement", ToolStatus.Published, ToolVisibility.SectionMembers, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AReader_SeesATool_OnlyWhereAllowed(string reader, ToolStatus status, ToolVisibility visibility, bool sees)
    {
        var who = reader switch
        {
            "visiteur" => Visitor, "même région" => SameRegion, "autre région" => OtherRegion, "coordination" => Coordinator, "conseil seulement" => Board, _ => Author,
        };
        Assert.Equal(sees, who.CanView(Tool(status, visibility)));
    }

    [Fact]
    public void ACoordinator_MovesATool_OnlyToASectionTheyCoordinate_TheAuthorAnywhere()
    {
        var tool = Tool(ToolStatus.Published, ToolVisibility.Public);
        Assert.False(Coordinator.CanMove(tool, Monteregie));
        Assert.True(Coordinator.CanMove(tool, Lanaudiere));
        Assert.True(Author.CanMove(tool, Monteregie));
        Assert.False(SameRegion.CanMove(tool, Monteregie));
    }
}
