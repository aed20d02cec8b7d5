using Microsoft.EntityFrameworkCore;
using RqiiacPortail.Web.Infrastructure.Mail;

namespace RqiiacPortail.Web.Data;

/// <summary>What a mail worker asks for: due rows of one lane kind, claimed under its token until a time.</summary>
public sealed record MailClaim(IReadOnlyList<MailState> Due, bool Urgent, Guid Token, DateTimeOffset Until, string Owner,
    DateTimeOffset Now, int Limit);

public static class MailBatchClaimExtensions
{
    /// <summary>
    /// Takes up to a batch of due rows in one statement: the oldest of the most urgent lane first. On PostgreSQL,
    /// rows another worker is claiming at that moment are skipped rather than waited for; the outer condition on
    /// the state makes a row claimed between the two reads count once. SQLite has one writer at a time. Raw SQL
    /// because LINQ's ExecuteUpdate cannot say SKIP LOCKED, and without it two workers would queue behind each other.
    /// </summary>
    /// <returns>How many rows now carry the claim's token.</returns>
    public static async Task<int> ClaimMailBatchAsync(this PortalDbContext db, MailClaim claim, CancellationToken ct)
    {
        var states = string.Join(", ", claim.Due.Select(s => (int)s));
        var lane = claim.Urgent ? $"\"Lane\" = {(int)MailLane.Urgent}" : $"\"Lane\" <> {(int)MailLane.Urgent}";
        var skipLocked = db.Database.IsSqlite() ? "" : " FOR UPDATE SKIP LOCKED";
        var sql = $$"""
            UPDATE "MailOutbox" SET "State" = {{(int)MailState.Sending}}, "LockToken" = {0}, "LockedUntil" = {1}, "Owner" = {2}
            WHERE "State" IN ({{states}}) AND "Id" IN (
                SELECT "Id" FROM "MailOutbox" WHERE "State" IN ({{states}}) AND "NextAttemptAt" <= {3} AND {{lane}}
                ORDER BY "Lane", "Id" LIMIT {4}{{skipLocked}})
            """;
        // Times as the provider stores them (ticks with SQLite, timestamptz with PostgreSQL).
        var timeMapping = db.Model.FindEntityType(typeof(OutboxMail))!.FindProperty(nameof(OutboxMail.NextAttemptAt))!.GetTypeMapping();
        object Stored(DateTimeOffset time) => timeMapping.Converter?.ConvertToProvider(time) ?? time;
        return await db.Database.ExecuteSqlRawAsync(sql, [claim.Token, Stored(claim.Until), claim.Owner, Stored(claim.Now), claim.Limit], ct);
    }
}
