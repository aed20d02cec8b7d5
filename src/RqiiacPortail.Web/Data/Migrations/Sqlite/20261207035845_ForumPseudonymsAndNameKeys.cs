using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForumPseudonymsAndNameKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 201,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ForumPseudonyms",
                columns: table => new
                {
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForumPseudonyms", x => new { x.ThreadId, x.Key });
                    table.ForeignKey(
                        name: "FK_ForumPseudonyms_ForumThreads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "ForumThreads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_NameKey",
                table: "AspNetUsers",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_ForumPseudonyms_UserId",
                table: "ForumPseudonyms",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ForumPseudonyms");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_NameKey",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "AspNetUsers");
        }
    }
}
