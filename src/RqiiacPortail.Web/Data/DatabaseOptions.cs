using System.ComponentModel.DataAnnotations;

namespace RqiiacPortail.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default) or <c>Postgres</c>.</summary>
    [Required, RegularExpression("^(Sqlite|Postgres)$")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>When empty with SQLite, a file <c>portail.db</c> in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// With PostgreSQL, how many times a command or a unit of work that failed for a transient reason (a dropped
    /// connection, a failover) is tried again; 0 (the default) never retries. Every explicit transaction runs
    /// inside the execution strategy (<see cref="ResilientTransaction"/>), so turning this on needs nothing else.
    /// </summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; }
}
