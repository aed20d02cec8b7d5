using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MailLanesAndBulk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MailOutbox_SentAt_NextAttemptAt",
                table: "MailOutbox");

            migrationBuilder.AlterColumn<string>(
                name: "TextBody",
                table: "MailOutbox",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<string>(
                name: "HtmlBody",
                table: "MailOutbox",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT");

            migrationBuilder.AddColumn<long>(
                name: "BulkId",
                table: "MailOutbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fields",
                table: "MailOutbox",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Lane",
                table: "MailOutbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "MailBulks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailBulks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_BulkId",
                table: "MailOutbox",
                column: "BulkId");

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_SentAt_Lane_NextAttemptAt",
                table: "MailOutbox",
                columns: new[] { "SentAt", "Lane", "NextAttemptAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_MailOutbox_MailBulks_BulkId",
                table: "MailOutbox",
                column: "BulkId",
                principalTable: "MailBulks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_MailOutbox_MailBulks_BulkId",
                table: "MailOutbox");

            migrationBuilder.DropTable(
                name: "MailBulks");

            migrationBuilder.DropIndex(
                name: "IX_MailOutbox_BulkId",
                table: "MailOutbox");

            migrationBuilder.DropIndex(
                name: "IX_MailOutbox_SentAt_Lane_NextAttemptAt",
                table: "MailOutbox");

            migrationBuilder.DropColumn(
                name: "BulkId",
                table: "MailOutbox");

            migrationBuilder.DropColumn(
                name: "Fields",
                table: "MailOutbox");

            migrationBuilder.DropColumn(
                name: "Lane",
                table: "MailOutbox");

            migrationBuilder.AlterColumn<string>(
                name: "TextBody",
                table: "MailOutbox",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "HtmlBody",
                table: "MailOutbox",
                type: "TEXT",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_SentAt_NextAttemptAt",
                table: "MailOutbox",
                columns: new[] { "SentAt", "NextAttemptAt" });
        }
    }
}
