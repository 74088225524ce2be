using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Norma.Modules.Cases.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CaseListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_Number_pattern",
                table: "case_cases",
                column: "Number")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_case_cases_Title_trgm",
                table: "case_cases",
                column: "Title")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_case_cases_Number_pattern",
                table: "case_cases");

            migrationBuilder.DropIndex(
                name: "IX_case_cases_Title_trgm",
                table: "case_cases");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
