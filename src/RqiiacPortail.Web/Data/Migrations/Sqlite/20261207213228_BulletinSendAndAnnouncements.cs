using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BulletinSendAndAnnouncements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "BulkId",
                table: "BulletinIssues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PdfKey",
                table: "BulletinIssues",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PdfName",
                table: "BulletinIssues",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScheduledFor",
                table: "BulletinIssues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SendByEmail",
                table: "BulletinIssues",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "SendStartedAt",
                table: "BulletinIssues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Announcements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SectionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ForMembers = table.Column<bool>(type: "INTEGER", nullable: false),
                    BannerUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ByEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    BulkId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Announcements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulletinDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Interruptions = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulletinImages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 130, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinImages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinImages_BulletinIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "BulletinIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "BulletinNetworkLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IssueId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinNetworkLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinNetworkLinks_BulletinIssues_IssueId",
                        column: x => x.IssueId,
                        principalTable: "BulletinIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BulletinSubscribers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ConfirmationHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ConfirmationSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UnsubscribedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UnsubscribeCode = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinSubscribers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulletinConsents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubscriberId = table.Column<int>(type: "INTEGER", nullable: false),
                    Basis = table.Column<int>(type: "INTEGER", nullable: false),
                    How = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    NoticeVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawnHow = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulletinConsents_BulletinSubscribers_SubscriberId",
                        column: x => x.SubscriberId,
                        principalTable: "BulletinSubscribers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssues_ScheduledFor",
                table: "BulletinIssues",
                column: "ScheduledFor");

            migrationBuilder.CreateIndex(
                name: "IX_Announcements_BannerUntil",
                table: "Announcements",
                column: "BannerUntil");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinConsents_SubscriberId",
                table: "BulletinConsents",
                column: "SubscriberId");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinDeliveries_Email",
                table: "BulletinDeliveries",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinDeliveries_IssueId_Email",
                table: "BulletinDeliveries",
                columns: new[] { "IssueId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinDeliveries_MessageId",
                table: "BulletinDeliveries",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinImages_IssueId",
                table: "BulletinImages",
                column: "IssueId");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinIssueTerms_TermId",
                table: "BulletinIssueTerms",
                column: "TermId");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinNetworkLinks_IssueId",
                table: "BulletinNetworkLinks",
                column: "IssueId");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinSubscribers_ConfirmationHash",
                table: "BulletinSubscribers",
                column: "ConfirmationHash");

            migrationBuilder.CreateIndex(
                name: "IX_BulletinSubscribers_Email",
                table: "BulletinSubscribers",
                column: "Email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinSubscribers_State_Id",
                table: "BulletinSubscribers",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BulletinSubscribers_UnsubscribeCode",
                table: "BulletinSubscribers",
                column: "UnsubscribeCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulletinSubscribers_UserId",
                table: "BulletinSubscribers",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Announcements");

            migrationBuilder.DropTable(
                name: "BulletinConsents");

            migrationBuilder.DropTable(
                name: "BulletinDeliveries");

            migrationBuilder.DropTable(
                name: "BulletinImages");

            migrationBuilder.DropTable(
                name: "BulletinIssueTerms");

            migrationBuilder.DropTable(
                name: "BulletinNetworkLinks");

            migrationBuilder.DropTable(
                name: "BulletinSubscribers");

            migrationBuilder.DropIndex(
                name: "IX_BulletinIssues_ScheduledFor",
                table: "BulletinIssues");

            migrationBuilder.DropColumn(
                name: "BulkId",
                table: "BulletinIssues");

            migrationBuilder.DropColumn(
                name: "PdfKey",
                table: "BulletinIssues");

            migrationBuilder.DropColumn(
                name: "PdfName",
                table: "BulletinIssues");

            migrationBuilder.DropColumn(
                name: "ScheduledFor",
                table: "BulletinIssues");

            migrationBuilder.DropColumn(
                name: "SendByEmail",
                table: "BulletinIssues");

            migrationBuilder.DropColumn(
                name: "SendStartedAt",
                table: "BulletinIssues");
        }
    }
}
