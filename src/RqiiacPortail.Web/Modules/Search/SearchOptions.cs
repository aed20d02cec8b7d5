namespace RqiiacPortail.Web.Modules.Search;

public sealed class SearchOptions
{
    public const string Section = "Search";

    /// <summary>
    /// This instance's own index folder; <c>index</c> under the data folder by default. Instances sharing a data
    /// folder (a cluster) must each set their own: an index is never shared, every instance applies the task log.
    /// </summary>
    public string? IndexPath { get; set; }

    /// <summary>Applied index tasks older than this are deleted; an instance that had not applied them rebuilds.</summary>
    public TimeSpan KeepTasksFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a transaction may hold an index task it wrote before committing it. Ids are taken at insert and
    /// committed in any order on PostgreSQL, so a task with a lower id can appear after a higher one: an indexer
    /// applies every task it sees at once, but moves its cursor past a task only once this long has gone by since
    /// it saw it (after a restart, the tail since the cursor is applied again: applying is idempotent).
    /// </summary>
    public TimeSpan CommitWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Facet counts are exact for this many matching documents; past them, one document in
    /// <see cref="FacetSampleEvery"/> is counted (and weighs that many), and the page says the counts are approximate.
    /// A query matching most of a large index then spends on its facets a fraction of what it did.
    /// </summary>
    public int ExactFacetCounts { get; set; } = 10_000;

    public int FacetSampleEvery { get; set; } = 8;

    /// <summary>
    /// How far behind the task log this instance's index may be (the age of the oldest task it has not applied)
    /// before <c>/health/ready</c> says it is not ready: its searches would miss what the others find.
    /// </summary>
    public TimeSpan ReadyLag { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The time one search may take before it is stopped and the reader asked to narrow it.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
