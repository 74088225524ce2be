using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Norma.Modules.Evaluation.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class EvaluationInitial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "eval_schemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    CanPublish = table.Column<bool>(type: "boolean", nullable: false),
                    ProblemsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActivatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActivatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_schemes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "eval_field_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StaffId = table.Column<Guid>(type: "uuid", nullable: false),
                    IndicatorKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Household = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Count = table.Column<decimal>(type: "numeric", nullable: true),
                    ItemCountsJson = table.Column<string>(type: "text", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CheckedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_field_checks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_field_checks_eval_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "eval_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_imported_figures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: true),
                    PeriodCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubjectKind = table.Column<int>(type: "integer", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Value = table.Column<decimal>(type: "numeric", nullable: false),
                    ImportBatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ImportedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_imported_figures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_imported_figures_eval_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "eval_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_manual_scores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PeriodCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SubjectKind = table.Column<int>(type: "integer", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    IndicatorKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Score = table.Column<decimal>(type: "numeric", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_manual_scores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_manual_scores_eval_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "eval_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeNumber = table.Column<int>(type: "integer", nullable: false),
                    PeriodCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    InputsJson = table.Column<string>(type: "text", nullable: false),
                    ResultJson = table.Column<string>(type: "text", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ComputedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_runs_eval_schemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "eval_schemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "eval_run_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_eval_run_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_eval_run_events_eval_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "eval_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_eval_field_checks_SchemeId_PeriodCode_StaffId",
                table: "eval_field_checks",
                columns: new[] { "SchemeId", "PeriodCode", "StaffId" });

            migrationBuilder.CreateIndex(
                name: "IX_eval_imported_figures_ImportBatchId",
                table: "eval_imported_figures",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_imported_figures_SchemeId_PeriodCode_SubjectKind_Subje~",
                table: "eval_imported_figures",
                columns: new[] { "SchemeId", "PeriodCode", "SubjectKind", "SubjectId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_eval_manual_scores_SchemeId_PeriodCode_SubjectKind_SubjectI~",
                table: "eval_manual_scores",
                columns: new[] { "SchemeId", "PeriodCode", "SubjectKind", "SubjectId", "IndicatorKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_eval_run_events_RunId",
                table: "eval_run_events",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_runs_SchemeId_PeriodCode_Status",
                table: "eval_runs",
                columns: new[] { "SchemeId", "PeriodCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_eval_schemes_Code_Number",
                table: "eval_schemes",
                columns: new[] { "Code", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_eval_schemes_Status",
                table: "eval_schemes",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "eval_field_checks");

            migrationBuilder.DropTable(
                name: "eval_imported_figures");

            migrationBuilder.DropTable(
                name: "eval_manual_scores");

            migrationBuilder.DropTable(
                name: "eval_run_events");

            migrationBuilder.DropTable(
                name: "eval_runs");

            migrationBuilder.DropTable(
                name: "eval_schemes");
        }
    }
}
