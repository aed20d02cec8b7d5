using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Taxonomy.Contracts;

namespace RqiiacPortail.Web.Modules.Tools;

/// <summary>Tools described with a term, withdrawn ones included (they may come back).</summary>
internal sealed class ToolTermUsage(PortalDbContext db) : ITermUsage
{
    public string Label => "outils";

    public Task<int> CountAsync(int termId, CancellationToken ct = default) =>
        db.Set<ToolTerm>().CountAsync(t => t.TermId == termId, ct);
}
