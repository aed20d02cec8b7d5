namespace RqiiacPortail.Web.Modules.Taxonomy.Contracts;

public sealed record TermInfo(int Id, string Slug, string Name);

public sealed record VocabularyInfo(string Key, string Name, bool IsOpen, IReadOnlyList<TermInfo> Terms);

/// <summary>The reference framework's vocabularies, for modules that tag content with them.</summary>
public interface ITaxonomy
{
    /// <summary>As committed, from memory (made again after any change to the taxonomy).</summary>
    Task<IReadOnlyList<VocabularyInfo>> GetAllAsync(CancellationToken ct = default);

    /// <summary>As the current unit of work sees them: a recipe step reading terms an earlier step added, not committed yet.</summary>
    Task<IReadOnlyList<VocabularyInfo>> ReadThroughAsync(CancellationToken ct = default);

    Task<VocabularyInfo?> FindAsync(string key, CancellationToken ct = default);
}

/// <summary>
/// How many items of one module are described with a term. Each module that tags content registers one
/// (<see cref="TermUsageRegistration.AddTermUsage{T}"/>), so that a term in use is never deleted.
/// </summary>
public interface ITermUsage
{
    /// <summary>What the items are called in the refusal, in the plural (« outils »).</summary>
    string Label { get; }

    Task<int> CountAsync(int termId, CancellationToken ct = default);
}

public static class TermUsageRegistration
{
    public static IServiceCollection AddTermUsage<T>(this IServiceCollection services) where T : class, ITermUsage =>
        services.AddScoped<ITermUsage, T>();
}

/// <summary>Keys of the vocabularies the national recipe creates (DESIGN.md section 2).</summary>
public static class Vocabularies
{
    public const string Approaches = "approches";
    public const string InterventionTypes = "types-intervention";
    public const string ProfessionalActs = "actes-professionnels";
    public const string Services = "services";
    public const string Fields = "champs-pratique";
    public const string EthicsTopics = "ethique";
    public const string PracticeCycle = "cycle-pratique";
}
