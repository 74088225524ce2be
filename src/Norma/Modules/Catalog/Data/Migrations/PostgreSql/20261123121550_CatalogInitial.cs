using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Norma.Modules.Catalog.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CatalogInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cat_process_templates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IsRetired = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cat_process_templates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "cat_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LegalBasis = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LegalLimit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CommittedLimit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    FeeRule = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Channels = table.Column<int>(type: "integer", nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    Handling = table.Column<int>(type: "integer", nullable: false),
                    NumberingPattern = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NumberingUnitCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ProcessTemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    IsRetired = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cat_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cat_items_cat_process_templates_ProcessTemplateId",
                        column: x => x.ProcessTemplateId,
                        principalTable: "cat_process_templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cat_process_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cat_process_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cat_process_versions_cat_process_templates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "cat_process_templates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cat_commitments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Metric = table.Column<int>(type: "integer", nullable: false),
                    Milestone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Limit = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CalendarId = table.Column<Guid>(type: "uuid", nullable: true),
                    Priorities = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Area = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    WarnAtPercent = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cat_commitments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cat_commitments_cat_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "cat_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "cat_item_materials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Form = table.Column<int>(type: "integer", nullable: false),
                    Copies = table.Column<int>(type: "integer", nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cat_item_materials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cat_item_materials_cat_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "cat_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_cat_commitments_ItemId_SortOrder",
                table: "cat_commitments",
                columns: new[] { "ItemId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_cat_item_materials_ItemId_SortOrder",
                table: "cat_item_materials",
                columns: new[] { "ItemId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_cat_items_Code",
                table: "cat_items",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cat_items_ProcessTemplateId",
                table: "cat_items",
                column: "ProcessTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_cat_items_UnitId",
                table: "cat_items",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_cat_process_templates_Code",
                table: "cat_process_templates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cat_process_versions_TemplateId_Number",
                table: "cat_process_versions",
                columns: new[] { "TemplateId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cat_commitments");

            migrationBuilder.DropTable(
                name: "cat_item_materials");

            migrationBuilder.DropTable(
                name: "cat_process_versions");

            migrationBuilder.DropTable(
                name: "cat_items");

            migrationBuilder.DropTable(
                name: "cat_process_templates");
        }
    }
}
