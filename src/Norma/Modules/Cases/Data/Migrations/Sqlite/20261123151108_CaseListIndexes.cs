using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Norma.Modules.Cases.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
