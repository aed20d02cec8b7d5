using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Background;
using RqiiacPortail.Web.Infrastructure.Files;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>
/// Once an hour: a tool withdrawn, or left as a draft never confirmed, longer ago than
/// <see cref="ToolsOptions.KeepUnpublishedFor"/> is deleted with its files. Such files may hold what their author
/// wanted gone (a draft stops precisely on personal information); the delay leaves time to ask an administrator
/// to bring a withdrawn tool back by hand.
/// </summary>
internal sealed class UnpublishedToolsCleanup(
    IServiceScopeFactory scopes,
    IOptions<ToolsOptions> options,
    TimeProvider clock,
    ILogger<UnpublishedToolsCleanup> logger) : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string FailureMessage => "Échec de la suppression des outils retirés ou abandonnés.";

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        // In batches, so that a backlog (a long outage, a lowered setting) does not load every file row at once.
        while (await DeleteExpiredAsync(ct) == BatchSize) { }
    }

    private const int BatchSize = 100;

    internal async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<IFileStore>();
        var before = Clock.GetUtcNow() - options.Value.KeepUnpublishedFor;

        var expired = await db.Set<Tool>().AcrossSections().Include(t => t.Files)
            .Where(t => t.Status != ToolStatus.Published && t.UpdatedAt < before)
            .OrderBy(t => t.Id).Take(BatchSize).ToListAsync(ct);
        if (expired.Count == 0) return 0;

        var keys = expired.SelectMany(t => t.Files).Select(f => f.StorageKey).ToList();
        db.RemoveRange(expired);
        await db.SaveChangesAsync(ct);
        // Rows first, files after: a failure here leaves an orphan file, never a row pointing at nothing.
        foreach (var key in keys)
        {
            try { await store.DeleteAsync(key, ct); }
            catch (IOException e) { logger.LogWarning(e, "Fichier {Key} d'un outil retiré ou abandonné non supprimé.", key); }
        }
        logger.LogInformation("{Count} outils retirés ou abandonnés supprimés avec leurs {Files} fichiers.", expired.Count, keys.Count);
        return expired.Count;
    }
}
