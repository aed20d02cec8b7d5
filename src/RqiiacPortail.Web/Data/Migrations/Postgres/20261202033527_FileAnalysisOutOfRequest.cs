using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FileAnalysisOutOfRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PublishWhenClean",
                table: "Tools",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "AnalysisProblem",
                table: "ToolFiles",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AnalyzedAt",
                table: "ToolFiles",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ToolFileTexts",
                columns: table => new
                {
                    FileId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ToolFileTexts", x => x.FileId);
                    table.ForeignKey(
                        name: "FK_ToolFileTexts_ToolFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "ToolFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ToolFiles_StorageKey",
                table: "ToolFiles",
                column: "StorageKey",
                unique: true);

            // The texts move to their own table; the files already there were analysed when they were uploaded.
            migrationBuilder.Sql("INSERT INTO \"ToolFileTexts\" (\"FileId\", \"Text\") SELECT \"Id\", \"ExtractedText\" FROM \"ToolFiles\" WHERE \"ExtractedText\" IS NOT NULL");
            migrationBuilder.Sql("UPDATE \"ToolFiles\" SET \"AnalyzedAt\" = \"UploadedAt\"");

            migrationBuilder.DropColumn(
                name: "ExtractedText",
                table: "ToolFiles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ToolFileTexts");

            migrationBuilder.DropIndex(
                name: "IX_ToolFiles_StorageKey",
                table: "ToolFiles");

            migrationBuilder.DropColumn(
                name: "PublishWhenClean",
                table: "Tools");

            migrationBuilder.DropColumn(
                name: "AnalysisProblem",
                table: "ToolFiles");

            migrationBuilder.DropColumn(
                name: "AnalyzedAt",
                table: "ToolFiles");

            migrationBuilder.AddColumn<string>(
                name: "ExtractedText",
                table: "ToolFiles",
                type: "text",
                nullable: true);
        }
    }
}
