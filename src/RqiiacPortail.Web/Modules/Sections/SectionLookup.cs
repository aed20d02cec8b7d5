using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Data;
using RqiiacPortail.Web.Modules.Sections.Contracts;

namespace RqiiacPortail.Web.Modules.Sections;

public sealed class SectionLookup(PortalDbContext db) : ISectionLookup
{
    public async Task<SectionInfo?> FindByCodeAsync(string code, CancellationToken ct = default) =>
        (await db.Set<Section>().FirstOrDefaultAsync(s => s.Code == code, ct))?.ToInfo();

    public async Task<IReadOnlyList<SectionInfo>> AllAsync(CancellationToken ct = default) =>
        (await db.Set<Section>().OrderBy(s => s.Code).ToListAsync(ct)).Select(s => s.ToInfo()).ToList();

    public async Task<SectionInfo?> FindAsync(int id, CancellationToken ct = default) =>
        (await db.Set<Section>().FirstOrDefaultAsync(s => s.Id == id, ct))?.ToInfo();
}
