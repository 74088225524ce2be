using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Data;

namespace Norma.UnitTests.Platform;

/// <summary>Both providers' migrations must describe the current model: a model change without a migration fails here.</summary>
public class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqlitePlatformDbContext(new DbContextOptionsBuilder<SqlitePlatformDbContext>().UseSqlite("Data Source=:memory:").Options);
        db.Database.HasPendingModelChanges().ShouldBeFalse();
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    [Fact]
    public void PostgreSql_migrations_match_the_model()
    {
        using var db = new PostgresPlatformDbContext(new DbContextOptionsBuilder<PostgresPlatformDbContext>().UseNpgsql("Host=unused").Options);
        db.Database.HasPendingModelChanges().ShouldBeFalse();
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    [Fact]
    public void Standards_migrations_match_the_model_on_both_providers_and_leave_the_audit_table_alone()
    {
        using var sqlite = new Norma.Modules.Standards.Data.SqliteStandardsDbContext(
            new DbContextOptionsBuilder<Norma.Modules.Standards.Data.SqliteStandardsDbContext>().UseSqlite("Data Source=:memory:").Options);
        sqlite.Database.HasPendingModelChanges().ShouldBeFalse();
        using var pg = new Norma.Modules.Standards.Data.PostgresStandardsDbContext(
            new DbContextOptionsBuilder<Norma.Modules.Standards.Data.PostgresStandardsDbContext>().UseNpgsql("Host=unused").Options);
        pg.Database.HasPendingModelChanges().ShouldBeFalse();
        sqlite.Database.GenerateCreateScript().ShouldNotContain("platform_audit_log");
    }

    [Fact]
    public void Catalog_migrations_match_the_model_on_both_providers_and_leave_the_audit_table_alone()
    {
        using var sqlite = new Norma.Modules.Catalog.Data.SqliteCatalogDbContext(
            new DbContextOptionsBuilder<Norma.Modules.Catalog.Data.SqliteCatalogDbContext>().UseSqlite("Data Source=:memory:").Options);
        sqlite.Database.HasPendingModelChanges().ShouldBeFalse();
        using var pg = new Norma.Modules.Catalog.Data.PostgresCatalogDbContext(
            new DbContextOptionsBuilder<Norma.Modules.Catalog.Data.PostgresCatalogDbContext>().UseNpgsql("Host=unused").Options);
        pg.Database.HasPendingModelChanges().ShouldBeFalse();
        sqlite.Database.GenerateCreateScript().ShouldNotContain("platform_audit_log");
    }

    [Fact]
    public void Evaluation_migrations_match_the_model_on_both_providers_and_leave_the_audit_table_alone()
    {
        using var sqlite = new Norma.Modules.Evaluation.Data.SqliteEvaluationDbContext(
            new DbContextOptionsBuilder<Norma.Modules.Evaluation.Data.SqliteEvaluationDbContext>().UseSqlite("Data Source=:memory:").Options);
        sqlite.Database.HasPendingModelChanges().ShouldBeFalse();
        sqlite.Database.GetMigrations().ShouldNotBeEmpty();
        using var pg = new Norma.Modules.Evaluation.Data.PostgresEvaluationDbContext(
            new DbContextOptionsBuilder<Norma.Modules.Evaluation.Data.PostgresEvaluationDbContext>().UseNpgsql("Host=unused").Options);
        pg.Database.HasPendingModelChanges().ShouldBeFalse();
        pg.Database.GetMigrations().ShouldNotBeEmpty();
        sqlite.Database.GenerateCreateScript().ShouldNotContain("platform_audit_log");
    }

    [Fact]
    public void Calendars_migrations_match_the_model_on_both_providers_and_leave_the_audit_table_alone()
    {
        using var sqlite = new Norma.Modules.Calendars.Data.SqliteCalendarsDbContext(
            new DbContextOptionsBuilder<Norma.Modules.Calendars.Data.SqliteCalendarsDbContext>().UseSqlite("Data Source=:memory:").Options);
        sqlite.Database.HasPendingModelChanges().ShouldBeFalse();
        sqlite.Database.GetMigrations().ShouldNotBeEmpty();
        using var pg = new Norma.Modules.Calendars.Data.PostgresCalendarsDbContext(
            new DbContextOptionsBuilder<Norma.Modules.Calendars.Data.PostgresCalendarsDbContext>().UseNpgsql("Host=unused").Options);
        pg.Database.HasPendingModelChanges().ShouldBeFalse();
        pg.Database.GetMigrations().ShouldNotBeEmpty();
        sqlite.Database.GenerateCreateScript().ShouldNotContain("platform_audit_log");
    }

    [Theory]
    [InlineData("Cases")]
    [InlineData("Customers")]
    public void Case_and_customer_migrations_match_the_model_on_both_providers_and_leave_the_audit_table_alone(string module)
    {
        using Microsoft.EntityFrameworkCore.DbContext sqlite = module == "Cases"
            ? new Norma.Modules.Cases.Data.SqliteCasesDbContext(new DbContextOptionsBuilder<Norma.Modules.Cases.Data.SqliteCasesDbContext>().UseSqlite("Data Source=:memory:").Options)
            : new Norma.Modules.Customers.Data.SqliteCustomersDbContext(new DbContextOptionsBuilder<Norma.Modules.Customers.Data.SqliteCustomersDbContext>().UseSqlite("Data Source=:memory:").Options);
        sqlite.Database.HasPendingModelChanges().ShouldBeFalse();
        sqlite.Database.GetMigrations().ShouldNotBeEmpty();
        using Microsoft.EntityFrameworkCore.DbContext pg = module == "Cases"
            ? new Norma.Modules.Cases.Data.PostgresCasesDbContext(new DbContextOptionsBuilder<Norma.Modules.Cases.Data.PostgresCasesDbContext>().UseNpgsql("Host=unused").Options)
            : new Norma.Modules.Customers.Data.PostgresCustomersDbContext(new DbContextOptionsBuilder<Norma.Modules.Customers.Data.PostgresCustomersDbContext>().UseNpgsql("Host=unused").Options);
        pg.Database.HasPendingModelChanges().ShouldBeFalse();
        pg.Database.GetMigrations().ShouldNotBeEmpty();
        sqlite.Database.GenerateCreateScript().ShouldNotContain("platform_audit_log");
    }
}
