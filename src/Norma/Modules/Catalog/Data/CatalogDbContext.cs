using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Catalog.Data;

/// <summary>The service catalog's own context: items, materials, commitments and process templates.</summary>
public abstract class CatalogDbContext(DbContextOptions options) : ModuleDbContext(options, AuditedTypes)
{
    public const string HistoryTable = "__EFMigrationsHistory_Catalog";

    private static readonly Dictionary<Type, string> AuditedTypes = new()
    {
        [typeof(ServiceItem)] = "service_item",
        [typeof(ItemMaterial)] = "item_material",
        [typeof(Commitment)] = "commitment",
        [typeof(ProcessTemplate)] = "process_template",
        [typeof(ProcessTemplateVersion)] = "process_template_version",
    };

    public DbSet<ServiceItem> Items => Set<ServiceItem>();
    public DbSet<ItemMaterial> Materials => Set<ItemMaterial>();
    public DbSet<Commitment> Commitments => Set<Commitment>();
    public DbSet<ProcessTemplate> Templates => Set<ProcessTemplate>();
    public DbSet<ProcessTemplateVersion> TemplateVersions => Set<ProcessTemplateVersion>();

    protected override void ConfigureModule(ModelBuilder builder)
    {
        builder.Entity<ServiceItem>(e =>
        {
            e.ToTable("cat_items");
            e.Property(i => i.Code).HasMaxLength(32);
            e.Property(i => i.Name).HasMaxLength(100);
            e.Property(i => i.Category).HasConversion<int>();
            e.Property(i => i.Handling).HasConversion<int>();
            e.Property(i => i.Channels).HasConversion<int>();
            e.Property(i => i.Description).HasMaxLength(2000);
            e.Property(i => i.LegalBasis).HasMaxLength(2000);
            e.Property(i => i.LegalLimit).HasMaxLength(16);
            e.Property(i => i.CommittedLimit).HasMaxLength(16);
            e.Property(i => i.FeeRule).HasMaxLength(500);
            e.Property(i => i.NumberingPattern).HasMaxLength(64);
            e.Property(i => i.NumberingUnitCode).HasMaxLength(16);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasIndex(i => i.Code).IsUnique();
            e.HasIndex(i => i.UnitId);
            e.HasOne<ProcessTemplate>().WithMany().HasForeignKey(i => i.ProcessTemplateId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(i => i.Materials).WithOne().HasForeignKey(m => m.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ItemMaterial>(e =>
        {
            e.ToTable("cat_item_materials");
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.Form).HasConversion<int>();
            e.Property(m => m.Notes).HasMaxLength(500);
            e.HasIndex(m => new { m.ItemId, m.SortOrder });
        });
        builder.Entity<Commitment>(e =>
        {
            e.ToTable("cat_commitments");
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Metric).HasConversion<int>();
            e.Property(c => c.Milestone).HasMaxLength(50);
            e.Property(c => c.Limit).HasMaxLength(16);
            e.Property(c => c.Priorities).HasMaxLength(64);
            e.Property(c => c.Area).HasMaxLength(50);
            e.Property(c => c.Source).HasMaxLength(500);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => new { c.ItemId, c.SortOrder });
            e.HasOne<ServiceItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ProcessTemplate>(e =>
        {
            e.ToTable("cat_process_templates");
            e.Property(t => t.Code).HasMaxLength(32);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Description).HasMaxLength(2000);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => t.Code).IsUnique();
            e.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ProcessTemplateVersion>(e =>
        {
            e.ToTable("cat_process_versions");
            e.Property(v => v.Status).HasConversion<int>();
            e.Property(v => v.Note).HasMaxLength(500);
            e.Property(v => v.CreatedBy).HasMaxLength(100);
            e.Property(v => v.PublishedBy).HasMaxLength(100);
            e.Property(v => v.Version).IsConcurrencyToken();
            e.HasIndex(v => new { v.TemplateId, v.Number }).IsUnique();
        });
    }
}

public sealed class SqliteCatalogDbContext(DbContextOptions<SqliteCatalogDbContext> options) : CatalogDbContext(options);

public sealed class PostgresCatalogDbContext(DbContextOptions<PostgresCatalogDbContext> options) : CatalogDbContext(options);

internal sealed class SqliteCatalogDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCatalogDbContext>
{
    public SqliteCatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCatalogDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(CatalogDbContext.HistoryTable)).Options);
}

internal sealed class PostgresCatalogDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCatalogDbContext>
{
    public PostgresCatalogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCatalogDbContext>().UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(CatalogDbContext.HistoryTable)).Options);
}
