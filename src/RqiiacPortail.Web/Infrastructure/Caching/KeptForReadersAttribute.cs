namespace RqiiacPortail.Web.Infrastructure.Caching;

/// <summary>
/// A page whose signed-in readers get a copy kept for their kind of reader (<see cref="Modules.Members.Contracts.IMemberRoles.KindAsync"/>):
/// the page's body, title and sections, made once for one member, are given with each reader's own layout (name,
/// bell, flash) and own form token to every member of the same kind, until any cache generation moves. What a
/// visitor gets whole from the output cache, a member gets this way. Put it only on a page whose body holds nothing
/// of the reader's own (no name, no marks of their own): two readers of a kind may see everything the other sees.
/// </summary>
/// <remarks>
/// Only the page's default GET is kept, only when it answers 200 with the page itself. A page made of one member's
/// own things (their notifications) names its <see cref="PersonalArea"/>: its copies are that member's alone, kept
/// until their generation of that area moves.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KeptForReadersAttribute : Attribute
{
    /// <summary>What else the page depends on that no generation says, registered in <see cref="KeptPagesOptions.Vary"/>.</summary>
    public string? Vary { get; set; }

    /// <summary>The personal cache area whose member's generation the page follows; the copy is then that member's only.</summary>
    public string? PersonalArea { get; set; }

    /// <summary>What a reader's reading does besides (an <see cref="IKeptPageVisit"/>), run too when they get a kept copy.</summary>
    public Type? Visit { get; set; }

    /// <summary>How long a copy lives at most (seconds), even when nothing moves: relative dates and « à venir » age.</summary>
    public int Seconds { get; set; } = 600;
}

/// <summary>What kept pages may vary by besides the generations and the reader's kind.</summary>
public sealed class KeptPagesOptions
{
    /// <summary>Named values a page's copy depends on (the search index's version); null from one keeps nothing.</summary>
    public Dictionary<string, Func<HttpContext, ValueTask<string?>>> Vary { get; } = [];

    /// <summary>Memory the copies may take together, in mebibytes (the oldest go first past it).</summary>
    public int Megabytes { get; set; } = 64;
}
