using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Events;
using RqiiacPortail.Web.Infrastructure.Files;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>A file entered a tool (by whatever route): its text is to be read and checked, after commit.</summary>
public sealed record ToolFileStored(string StorageKey);

/// <summary>
/// Reads an uploaded file's text within its budget and runs the personal-information check on it, outside the
/// request: a clean file goes out (its tool reindexed); a draft its author asked to publish goes out once all its
/// files are clean; anything found waits for the author on the verification page, which shows « analyse en
/// cours » meanwhile.
/// </summary>
internal sealed class ToolFileAnalysis(PortalDbContext db, IFileStore files, FileIntake intake, ToolService tools, Search.Contracts.IIndexQueue index)
    : IEventHandler<ToolFileStored>
{
    /// <summary>Files are read in a lane of their own (a damaged PDF may take its whole budget), each member's one at a time.</summary>
    public const string Lane = "fichiers";

    public async Task HandleAsync(ToolFileStored stored, EventBatches batches, CancellationToken ct)
    {
        var file = await db.Set<ToolFile>().FirstOrDefaultAsync(f => f.StorageKey == stored.StorageKey, ct);
        // Replaced or deleted meanwhile, or done by an earlier attempt that stopped after saving.
        if (file is null || file.AnalyzedAt is not null) return;
        var kind = FileInspector.Accepted.FirstOrDefault(k => k.Key == file.Kind);

        string text = "";
        string? problem = null;
        if (kind is not null)
        {
            await using var content = await files.OpenReadAsync(file.StorageKey, ct);
            (text, problem) = intake.Extract(file.FileName, content, kind, ct);
        }
        tools.Analysed(file, text, problem);

        var tool = await tools.FindAsync(file.ToolId, ct);
        if (tool is null) return;
        if (tool.Status == ToolStatus.Published && !file.HeldForReview)
            index.Enqueue(ToolService.SearchType, tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!await tools.PublishIfCleanAsync(tool, ct)) await db.SaveChangesAsync(ct);
    }
}
