using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FilesHeldForReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HeldForReview",
                table: "ToolFiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeldForReview",
                table: "ToolFiles");
        }
    }
}
