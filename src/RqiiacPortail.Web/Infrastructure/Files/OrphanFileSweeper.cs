using Microsoft.Extensions.Options;
using RqiiacPortail.Web.Infrastructure.Background;

namespace RqiiacPortail.Web.Infrastructure.Files;

/// <summary>
/// At start and then every hour: deletes stored files no row points at (an upload whose request was cancelled
/// or killed after the file was written, a transaction rolled back) and half-written ones, once they are older
/// than <see cref="FilesOptions.OrphanAfter"/> — so that an upload still in flight on another instance sharing
/// the folder is never touched.
/// </summary>
internal sealed class OrphanFileSweeper(
    IServiceScopeFactory scopes,
    IFileStore store,
    IOptions<FilesOptions> options,
    TimeProvider clock,
    ILogger<OrphanFileSweeper> logger) : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Period => TimeSpan.FromHours(1);

    protected override string FailureMessage => "Échec du ménage des fichiers orphelins.";

    protected override Task RunOnceAsync(CancellationToken ct) => SweepAsync(ct);

    internal async Task<int> SweepAsync(CancellationToken ct)
    {
        var before = Clock.GetUtcNow() - options.Value.OrphanAfter;
        var old = new List<string>();
        await foreach (var (key, writtenAt) in store.ListAsync(ct))
            if (writtenAt < before) old.Add(key);
        if (old.Count == 0) return 0;

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await using (var scope = Scopes.CreateAsyncScope())
            foreach (var references in scope.ServiceProvider.GetServices<IStoredFileReferences>())
                await foreach (var key in references.KeysAsync(ct)) referenced.Add(key);

        var deleted = 0;
        foreach (var key in old.Where(k => !referenced.Contains(k)))
        {
            try
            {
                await store.DeleteAsync(key, ct);
                deleted++;
            }
            catch (IOException e) { logger.LogWarning(e, "Fichier orphelin {Key} non supprimé.", key); }
        }
        if (deleted > 0) logger.LogInformation("{Count} fichiers orphelins ou à moitié écrits supprimés.", deleted);
        return deleted;
    }
}
