using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Infrastructure.Files;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>The stored files that tool versions point at, every section and status included.</summary>
internal sealed class ToolFileReferences(PortalDbContext db) : IStoredFileReferences
{
    public IAsyncEnumerable<string> KeysAsync(CancellationToken ct) =>
        db.Set<ToolFile>().AsNoTracking().Select(f => f.StorageKey).AsAsyncEnumerable();
}
