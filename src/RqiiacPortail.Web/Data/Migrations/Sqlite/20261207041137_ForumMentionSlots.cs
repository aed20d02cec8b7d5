using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForumMentionSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ForumMentionSlots",
                columns: table => new
                {
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MentionedId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Hour = table.Column<long>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForumMentionSlots", x => new { x.AuthorId, x.MentionedId, x.Hour, x.Slot });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ForumMentionSlots");
        }
    }
}
