using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventLanes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Lane",
                table: "EventOutbox",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "EventOutbox",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventOutbox_Lane_HandledAt_Owner",
                table: "EventOutbox",
                columns: new[] { "Lane", "HandledAt", "Owner" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EventOutbox_Lane_HandledAt_Owner",
                table: "EventOutbox");

            migrationBuilder.DropColumn(
                name: "Lane",
                table: "EventOutbox");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "EventOutbox");
        }
    }
}
