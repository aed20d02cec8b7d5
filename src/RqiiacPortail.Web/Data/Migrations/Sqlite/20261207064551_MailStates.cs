using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MailStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MailOutbox_SentAt_Lane_NextAttemptAt",
                table: "MailOutbox");

            migrationBuilder.RenameColumn(
                name: "Abandoned",
                table: "MailOutbox",
                newName: "State");

            migrationBuilder.AddColumn<int>(
                name: "Interruptions",
                table: "MailOutbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "MailOutbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // The renamed column held « abandoned » (0 or 1): each row's state from what the old columns said.
            migrationBuilder.Sql("""
                UPDATE "MailOutbox" SET "State" = CASE WHEN "SentAt" IS NOT NULL THEN 2 WHEN "State" = 1 THEN 4 WHEN "Attempts" > 0 THEN 3 ELSE 0 END
                """);

            migrationBuilder.CreateTable(
                name: "MailAddressFailures",
                columns: table => new
                {
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    FailuresForGood = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFailedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailAddressFailures", x => x.Address);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_SentAt",
                table: "MailOutbox",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_State_Lane_NextAttemptAt",
                table: "MailOutbox",
                columns: new[] { "State", "Lane", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MailAddressFailures");

            migrationBuilder.DropIndex(
                name: "IX_MailOutbox_SentAt",
                table: "MailOutbox");

            migrationBuilder.DropIndex(
                name: "IX_MailOutbox_State_Lane_NextAttemptAt",
                table: "MailOutbox");

            migrationBuilder.DropColumn(
                name: "Interruptions",
                table: "MailOutbox");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "MailOutbox");

            migrationBuilder.RenameColumn(
                name: "State",
                table: "MailOutbox",
                newName: "Abandoned");

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_SentAt_Lane_NextAttemptAt",
                table: "MailOutbox",
                columns: new[] { "SentAt", "Lane", "NextAttemptAt" });
        }
    }
}
