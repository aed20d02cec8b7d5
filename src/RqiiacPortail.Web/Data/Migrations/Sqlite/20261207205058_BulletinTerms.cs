using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BulletinTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulletinIssueTerms",
                columns: table => new
                {
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    TermId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinIssueTerms", x => new { x.IssueId, x.TermId });
                    table.ForeignKey(
                        name: "FK_BulletinIssueTerms_BulletinIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "BulletinIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssueTerms_TermId",
                table: "BulletinIssueTerms",
                column: "TermId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulletinIssueTerms");
        }
    }
}
