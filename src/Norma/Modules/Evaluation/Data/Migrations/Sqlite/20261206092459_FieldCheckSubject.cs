using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Norma.Modules.Evaluation.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FieldCheckSubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_eval_field_checks_SchemeId_PeriodCode_StaffId",
                table: "eval_field_checks");

            migrationBuilder.RenameColumn(
                name: "StaffId",
                table: "eval_field_checks",
                newName: "SubjectId");

            migrationBuilder.AddColumn<int>(
                name: "SubjectKind",
                table: "eval_field_checks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_eval_field_checks_SchemeId_PeriodCode_SubjectKind_SubjectId",
                table: "eval_field_checks",
                columns: new[] { "SchemeId", "PeriodCode", "SubjectKind", "SubjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_eval_field_checks_SchemeId_PeriodCode_SubjectKind_SubjectId",
                table: "eval_field_checks");

            migrationBuilder.DropColumn(
                name: "SubjectKind",
                table: "eval_field_checks");

            migrationBuilder.RenameColumn(
                name: "SubjectId",
                table: "eval_field_checks",
                newName: "StaffId");

            migrationBuilder.CreateIndex(
                name: "IX_eval_field_checks_SchemeId_PeriodCode_StaffId",
                table: "eval_field_checks",
                columns: new[] { "SchemeId", "PeriodCode", "StaffId" });
        }
    }
}
