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

    /// <summary>The time one search may take before it is stopped and the reader asked to narrow it.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
