using System.ComponentModel.DataAnnotations;

namespace RqiiacPortail.Web.Modules.Tools;

public sealed class ToolsOptions
{
    public const string Section = "Tools";

    [Range(1, 1024)] public int MaxFileSizeMb { get; set; } = 50;
    [Range(1, 50)] public int MaxFilesPerUpload { get; set; } = 5;

    /// <summary>Files one member may have waiting for their analysis; past it, uploads wait until some are read.</summary>
    [Range(1, 1000)] public int MaxFilesAwaitingAnalysis { get; set; } = 10;

    /// <summary>How many files this instance reads at once (each member's one at a time: <see cref="ToolFileAnalysis"/>).</summary>
    [Range(1, 64)] public int AnalysisWorkers { get; set; } = 2;

    /// <summary>How long a withdrawn tool, or a draft never confirmed, is kept with its files before it is deleted.</summary>
    public TimeSpan KeepUnpublishedFor { get; set; } = TimeSpan.FromDays(30);

    public long MaxFileSize => MaxFileSizeMb * 1024L * 1024L;
}

public static class Licences
{
    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        ("cc-by-4.0", "CC BY 4.0 (attribution)"),
        ("cc-by-sa-4.0", "CC BY-SA 4.0 (attribution, partage dans les mêmes conditions)"),
        ("cc-by-nc-4.0", "CC BY-NC 4.0 (attribution, pas d'utilisation commerciale)"),
        ("cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0 (attribution, pas d'utilisation commerciale, partage dans les mêmes conditions)"),
        ("tous-droits-reserves", "Tous droits réservés"),
    ];

    public static string Label(string key) => All.FirstOrDefault(l => l.Key == key).Label ?? key;

    public static string Short(string key) => Label(key).Split(" (")[0];
}
