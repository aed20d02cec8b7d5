using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Web.Infrastructure.Mail;

/// <summary>Degraded when mail piles up or was given up on: the site works, but people are not being told.</summary>
internal sealed class MailOutboxHealthCheck(PortalDbContext db, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var late = await db.Set<OutboxMail>().CountAsync(m => m.State != MailState.Sent && m.State != MailState.Failed && m.State != MailState.Withheld && m.CreatedAt < hourAgo, ct);
        var dayAgo = now.AddDays(-1);
        var abandoned = await db.Set<OutboxMail>().CountAsync(m => m.State == MailState.Failed && m.CreatedAt > dayAgo, ct);
        var uncertain = await db.Set<OutboxMail>().CountAsync(m => m.State == MailState.Uncertain, ct);
        var data = new Dictionary<string, object> { ["en retard"] = late, ["abandonnés (24 h)"] = abandoned, ["incertains"] = uncertain };
        return late == 0 && abandoned == 0 && uncertain == 0
            ? HealthCheckResult.Healthy("File des courriels à jour.", data)
            : HealthCheckResult.Degraded("Des courriels attendent depuis plus d'une heure, ont été abandonnés ou attendent une décision.", data: data);
    }
}
