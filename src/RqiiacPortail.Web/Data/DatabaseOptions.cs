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
}
