using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Norma.Modules.Platform.Data;
using Norma.Modules.Standards.Domain;

namespace Norma.Modules.Standards.Data;

/// <summary>The Standards module's own context (audited through <see cref="ModuleDbContext"/>).</summary>
public abstract class StandardsDbContext(DbContextOptions options) : ModuleDbContext(options, AuditedTypes)
{
    public const string HistoryTable = "__EFMigrationsHistory_Standards";

    private static readonly Dictionary<Type, string> AuditedTypes = new()
    {
        [typeof(StandardNode)] = "standard_node",
        [typeof(Standard)] = "standard",
        [typeof(StandardVersion)] = "standard_version",
        [typeof(StandardCitation)] = "standard_citation",
        [typeof(StandardAttachment)] = "standard_attachment",
    };

    public DbSet<StandardNode> Nodes => Set<StandardNode>();
    public DbSet<Standard> Standards => Set<Standard>();
    public DbSet<StandardVersion> Versions => Set<StandardVersion>();
    public DbSet<StandardEvent> Events => Set<StandardEvent>();
    public DbSet<StandardCitation> Citations => Set<StandardCitation>();
    public DbSet<StandardAttachment> Attachments => Set<StandardAttachment>();

    protected override void ConfigureModule(ModelBuilder builder)
    {
        builder.Entity<StandardNode>(e =>
        {
            e.ToTable("std_nodes");
            e.Property(n => n.Code).HasMaxLength(32);
            e.Property(n => n.Name).HasMaxLength(100);
            e.Property(n => n.Version).IsConcurrencyToken();
            e.HasIndex(n => n.Code).IsUnique();
            e.HasOne<StandardNode>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Standard>(e =>
        {
            e.ToTable("std_standards");
            e.Property(s => s.Number).HasMaxLength(64);
            e.Property(s => s.Level).HasConversion<int>();
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => s.Number).IsUnique();
            e.HasIndex(s => s.NodeId);
            e.HasOne<StandardNode>().WithMany().HasForeignKey(s => s.NodeId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Standard>().WithMany().HasForeignKey(s => s.SupersedesId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Versions).WithOne().HasForeignKey(v => v.StandardId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<StandardVersion>(e =>
        {
            e.ToTable("std_versions");
            e.Property(v => v.Edition).HasMaxLength(8);
            e.Property(v => v.Title).HasMaxLength(200);
            e.Property(v => v.Status).HasConversion<int>();
            foreach (var p in new[] { nameof(StandardVersion.ProposingUnit), nameof(StandardVersion.InterpretingUnit), nameof(StandardVersion.DraftedBy), nameof(StandardVersion.ReviewedBy), nameof(StandardVersion.ApprovedBy) })
            {
                e.Property(p).HasMaxLength(100);
            }

            e.Property(v => v.References).HasMaxLength(2000);
            e.Property(v => v.Version).IsConcurrencyToken();
            e.Ignore(v => v.Dates);
            e.HasIndex(v => new { v.StandardId, v.Edition }).IsUnique();
        });
        builder.Entity<StandardEvent>(e =>
        {
            e.ToTable("std_events");
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.Comment).HasMaxLength(1000);
            e.Property(x => x.FromStatus).HasConversion<int?>();
            e.Property(x => x.ToStatus).HasConversion<int>();
            e.HasIndex(x => new { x.StandardId, x.At });
        });
        MapTraceability(builder);
    }

    private static void MapTraceability(ModelBuilder builder)
    {
        builder.Entity<StandardCitation>(e =>
        {
            e.ToTable("std_citations");
            e.Property(c => c.Clause).HasMaxLength(32);
            e.Property(c => c.SourceType).HasMaxLength(50);
            e.Property(c => c.SourceId).HasMaxLength(100);
            e.Property(c => c.SourceLabel).HasMaxLength(200);
            e.HasIndex(c => new { c.SourceType, c.SourceId });
            e.HasIndex(c => c.StandardId);
            e.HasOne<Standard>().WithMany().HasForeignKey(c => c.StandardId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<StandardAttachment>(e =>
        {
            e.ToTable("std_attachments");
            e.Property(a => a.FileName).HasMaxLength(200);
            e.Property(a => a.ContentType).HasMaxLength(100);
            e.Property(a => a.Sha256).HasMaxLength(64);
            e.Property(a => a.UploadedBy).HasMaxLength(100);
            e.HasIndex(a => a.VersionId);
            e.HasOne<StandardVersion>().WithMany().HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class SqliteStandardsDbContext(DbContextOptions<SqliteStandardsDbContext> options) : StandardsDbContext(options);

public sealed class PostgresStandardsDbContext(DbContextOptions<PostgresStandardsDbContext> options) : StandardsDbContext(options);

internal sealed class SqliteStandardsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteStandardsDbContext>
{
    public SqliteStandardsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteStandardsDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(StandardsDbContext.HistoryTable)).Options);
}

internal sealed class PostgresStandardsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresStandardsDbContext>
{
    public PostgresStandardsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresStandardsDbContext>().UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(StandardsDbContext.HistoryTable)).Options);
}
