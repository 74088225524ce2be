using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Norma.Modules.Standards.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StandardsInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "std_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StandardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    FromStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    ToStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_std_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "std_nodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_std_nodes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_std_nodes_std_nodes_ParentId",
                        column: x => x.ParentId,
                        principalTable: "std_nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "std_standards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    IsAdopted = table.Column<bool>(type: "INTEGER", nullable: false),
                    NodeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewCycleMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    SupersedesId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_std_standards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_std_standards_std_nodes_NodeId",
                        column: x => x.NodeId,
                        principalTable: "std_nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_std_standards_std_standards_SupersedesId",
                        column: x => x.SupersedesId,
                        principalTable: "std_standards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "std_citations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StandardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Clause = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SourceType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SourceLabel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_std_citations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_std_citations_std_standards_StandardId",
                        column: x => x.StandardId,
                        principalTable: "std_standards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "std_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StandardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Edition = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    ProposingUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    InterpretingUnit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DraftedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    References = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AbolishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_std_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_std_versions_std_standards_StandardId",
                        column: x => x.StandardId,
                        principalTable: "std_standards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "std_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StandardId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_std_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_std_attachments_std_versions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "std_versions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_std_attachments_VersionId",
                table: "std_attachments",
                column: "VersionId");

            migrationBuilder.CreateIndex(
                name: "IX_std_citations_SourceType_SourceId",
                table: "std_citations",
                columns: new[] { "SourceType", "SourceId" });

            migrationBuilder.CreateIndex(
                name: "IX_std_citations_StandardId",
                table: "std_citations",
                column: "StandardId");

            migrationBuilder.CreateIndex(
                name: "IX_std_events_StandardId_At",
                table: "std_events",
                columns: new[] { "StandardId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_std_nodes_Code",
                table: "std_nodes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_std_nodes_ParentId",
                table: "std_nodes",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_std_standards_NodeId",
                table: "std_standards",
                column: "NodeId");

            migrationBuilder.CreateIndex(
                name: "IX_std_standards_Number",
                table: "std_standards",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_std_standards_SupersedesId",
                table: "std_standards",
                column: "SupersedesId");

            migrationBuilder.CreateIndex(
                name: "IX_std_versions_StandardId_Edition",
                table: "std_versions",
                columns: new[] { "StandardId", "Edition" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "std_attachments");

            migrationBuilder.DropTable(
                name: "std_citations");

            migrationBuilder.DropTable(
                name: "std_events");

            migrationBuilder.DropTable(
                name: "std_versions");

            migrationBuilder.DropTable(
                name: "std_standards");

            migrationBuilder.DropTable(
                name: "std_nodes");
        }
    }
}
