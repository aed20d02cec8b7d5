using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using RqiiacPortail.Tests.Infrastructure;
using RqiiacPortail.Web.Data;

namespace RqiiacPortail.Tests.Data;

/// <summary>
/// Migrations that move data, run on a database holding rows (issue 11): the files' texts leave <c>ToolFiles</c>
/// for <c>ToolFileTexts</c>, and files already there count as analysed.
/// </summary>
public sealed class MigrationDataTests
{
    private const string BeforeTexts = "MailLanesAndBulk";

    private sealed class NoSection : ICurrentSectionId
    {
        public int? Value => null;
    }

    [Fact]
    public async Task FileTexts_MoveToTheirOwnTable_OnSqlite()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("rqiiac-migration-").FullName, "portail.db");
        // Foreign keys off for the rows written by hand: the file's tool does not need to exist for this.
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite($"Data Source={path};Foreign Keys=False").Options;
        await using (var db = new SqlitePortalDbContext(options, new NoSection()))
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeTexts);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "ToolFiles" ("Id", "ToolId", "Slot", "Version", "FileName", "Kind", "ContentType", "Length", "Sha256", "StorageKey", "ExtractedText", "HeldForReview", "UploadedAt", "Downloads")
                VALUES (7, 1, '6f9619ff-8b86-d011-b42d-00cf4fc964ff', 1, 'grille.pdf', 'pdf', 'application/pdf', 10, 'abc', 'ab/cd', 'Grille d''analyse du milieu', 0, 638686656000000000, 0),
                       (8, 1, '6f9619ff-8b86-d011-b42d-00cf4fc964fe', 1, 'image.png', 'png', 'image/png', 10, 'abd', 'ab/ce', NULL, 0, 638686656000000000, 0)
                """);
            await db.GetService<IMigrator>().MigrateAsync();
        }
        await using (var db = new SqlitePortalDbContext(options, new NoSection()))
            await AssertMovedAsync(db);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task FileTexts_MoveToTheirOwnTable_OnPostgres()
    {
        var database = "rqiiac_migration_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection($"{TestServices.Postgres};Database=postgres"))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin).ExecuteNonQueryAsync();
        }
        var options = new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql($"{TestServices.Postgres};Database={database}").Options;
        try
        {
            await using (var db = new PostgresPortalDbContext(options, new NoSection()))
            {
                await db.GetService<IMigrator>().MigrateAsync(BeforeTexts);
                // Foreign keys off for the rows written by hand (the test server's user is a superuser).
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = replica");
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "ToolFiles" ("Id", "ToolId", "Slot", "Version", "FileName", "Kind", "ContentType", "Length", "Sha256", "StorageKey", "ExtractedText", "HeldForReview", "UploadedAt", "Downloads")
                    OVERRIDING SYSTEM VALUE
                    VALUES (7, 1, '6f9619ff-8b86-d011-b42d-00cf4fc964ff', 1, 'grille.pdf', 'pdf', 'application/pdf', 10, 'abc', 'ab/cd', 'Grille d''analyse du milieu', false, '2024-11-23 13:00:00+00', 0),
                           (8, 1, '6f9619ff-8b86-d011-b42d-00cf4fc964fe', 1, 'image.png', 'png', 'image/png', 10, 'abd', 'ab/ce', NULL, false, '2024-11-23 13:00:00+00', 0)
                    """);
                await db.Database.ExecuteSqlRawAsync("SET session_replication_role = origin");
                await db.Database.CloseConnectionAsync();
                await db.GetService<IMigrator>().MigrateAsync();
            }
            await using (var db = new PostgresPortalDbContext(options, new NoSection()))
                await AssertMovedAsync(db);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection($"{TestServices.Postgres};Database=postgres");
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    private static async Task AssertMovedAsync(PortalDbContext db)
    {
        var files = await db.Set<RqiiacPortail.Web.Modules.Tools.ToolFile>().IgnoreQueryFilters().Include(f => f.Text).OrderBy(f => f.Id).ToListAsync();
        Assert.Equal([7, 8], files.Select(f => f.Id));
        Assert.Equal("Grille d'analyse du milieu", files[0].Text!.Text);
        Assert.Null(files[1].Text);
        Assert.All(files, f => Assert.Equal(f.UploadedAt, f.AnalyzedAt));
    }
}
