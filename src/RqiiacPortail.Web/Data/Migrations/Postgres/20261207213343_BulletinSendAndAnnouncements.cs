using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RqiiacPortail.Web.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PdfKey",
                table: "BulletinIssues",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PdfName",
                table: "BulletinIssues",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ScheduledFor",
                table: "BulletinIssues",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SendByEmail",
                table: "BulletinIssues",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SendStartedAt",
                table: "BulletinIssues",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Announcements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SectionId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ForMembers = table.Column<bool>(type: "boolean", nullable: false),
                    BannerUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    ByEmail = table.Column<bool>(type: "boolean", nullable: false),
                    BulkId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Announcements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulletinDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Interruptions = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulletinImages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(130)", maxLength: 130, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    TermId = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IssueId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Path = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ConfirmationHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ConfirmationSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UnsubscribedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UnsubscribeCode = table.Column<string>(type: "character varying(43)", maxLength: 43, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulletinSubscribers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BulletinConsents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubscriberId = table.Column<int>(type: "integer", nullable: false),
                    Basis = table.Column<int>(type: "integer", nullable: false),
                    How = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    NoticeVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnHow = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
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
