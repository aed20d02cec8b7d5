using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Postgres
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

            migrationBuilder.AddColumn<int>(
                name: "Interruptions",
                table: "MailOutbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "MailOutbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "State",
                table: "MailOutbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Each row's state from what the old columns said: sent, given up, tried already, or waiting.
            migrationBuilder.Sql("""
                UPDATE "MailOutbox" SET "State" = CASE WHEN "SentAt" IS NOT NULL THEN 2 WHEN "Abandoned" THEN 4 WHEN "Attempts" > 0 THEN 3 ELSE 0 END
                """);
            migrationBuilder.DropColumn(
                name: "Abandoned",
                table: "MailOutbox");

            migrationBuilder.CreateTable(
                name: "MailAddressFailures",
                columns: table => new
                {
                    Address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    FailuresForGood = table.Column<int>(type: "integer", nullable: false),
                    LastFailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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

            migrationBuilder.DropColumn(
                name: "State",
                table: "MailOutbox");

            migrationBuilder.AddColumn<bool>(
                name: "Abandoned",
                table: "MailOutbox",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_SentAt_Lane_NextAttemptAt",
                table: "MailOutbox",
                columns: new[] { "SentAt", "Lane", "NextAttemptAt" });
        }
    }
}
