using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Norma.Modules.Customers.Domain;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Customers.Data;

/// <summary>Customers (客户). Contracts and assets join them in a later capability.</summary>
public abstract class CustomersDbContext(DbContextOptions options) : ModuleDbContext(options, AuditedTypes)
{
    public const string HistoryTable = "__EFMigrationsHistory_Customers";

    private static readonly Dictionary<Type, string> AuditedTypes = new() { [typeof(Customer)] = "customer" };

    public DbSet<Customer> Customers => Set<Customer>();

    protected override void ConfigureModule(ModelBuilder builder) =>
        builder.Entity<Customer>(e =>
        {
            e.ToTable("cust_customers");
            e.Property(c => c.Name).HasMaxLength(50);
            e.Property(c => c.Phone).HasMaxLength(20);
            e.Property(c => c.Address).HasMaxLength(200);
            e.Property(c => c.Area).HasMaxLength(50);
            e.Property(c => c.Note).HasMaxLength(500);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.Phone);
            e.HasIndex(c => c.Name);
        });
}

public sealed class SqliteCustomersDbContext(DbContextOptions<SqliteCustomersDbContext> options) : CustomersDbContext(options);

public sealed class PostgresCustomersDbContext(DbContextOptions<PostgresCustomersDbContext> options) : CustomersDbContext(options);

internal sealed class SqliteCustomersDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCustomersDbContext>
{
    public SqliteCustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCustomersDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(CustomersDbContext.HistoryTable)).Options);
}

internal sealed class PostgresCustomersDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCustomersDbContext>
{
    public PostgresCustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCustomersDbContext>().UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(CustomersDbContext.HistoryTable)).Options);
}
