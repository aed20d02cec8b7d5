using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Bulletin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulletinIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Cover = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinIssues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulletinArticles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinArticles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinArticles_BulletinIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "BulletinIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulletinArticles_IssueId",
                table: "BulletinArticles",
                column: "IssueId");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssues_Number",
                table: "BulletinIssues",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssues_State_IssuedOn",
                table: "BulletinIssues",
                columns: new[] { "State", "IssuedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulletinArticles");

            migrationBuilder.DropTable(
                name: "BulletinIssues");
        }
    }
}
