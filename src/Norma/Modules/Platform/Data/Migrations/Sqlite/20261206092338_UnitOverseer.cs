using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Norma.Modules.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnitOverseer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OverseerId",
                table: "org_units",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_org_units_OverseerId",
                table: "org_units",
                column: "OverseerId");

            migrationBuilder.AddForeignKey(
                name: "FK_org_units_org_accounts_OverseerId",
                table: "org_units",
                column: "OverseerId",
                principalTable: "org_accounts",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_org_units_org_accounts_OverseerId",
                table: "org_units");

            migrationBuilder.DropIndex(
                name: "IX_org_units_OverseerId",
                table: "org_units");

            migrationBuilder.DropColumn(
                name: "OverseerId",
                table: "org_units");
        }
    }
}
