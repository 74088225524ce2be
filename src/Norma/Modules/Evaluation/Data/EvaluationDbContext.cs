using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Evaluation.Data;

/// <summary>Quality evaluation's own context: scheme versions, entered data (field checks, manual scores, imported figures) and runs.</summary>
public abstract class EvaluationDbContext(DbContextOptions options) : ModuleDbContext(options, AuditedTypes)
{
    public const string HistoryTable = "__EFMigrationsHistory_Evaluation";

    private static readonly Dictionary<Type, string> AuditedTypes = new()
    {
        [typeof(EvaluationSchemeRecord)] = "evaluation_scheme",
        [typeof(FieldCheck)] = "evaluation_field_check",
        [typeof(ManualScore)] = "evaluation_manual_score",
        [typeof(EvaluationRun)] = "evaluation_run",
    };

    public DbSet<EvaluationSchemeRecord> Schemes => Set<EvaluationSchemeRecord>();
    public DbSet<FieldCheck> FieldChecks => Set<FieldCheck>();
    public DbSet<ManualScore> ManualScores => Set<ManualScore>();
    public DbSet<ImportedFigure> Figures => Set<ImportedFigure>();
    public DbSet<EvaluationRun> Runs => Set<EvaluationRun>();
    public DbSet<RunEvent> RunEvents => Set<RunEvent>();

    protected override void ConfigureModule(ModelBuilder builder)
    {
        builder.Entity<EvaluationSchemeRecord>(e =>
        {
            e.ToTable("eval_schemes");
            e.Property(s => s.Code).HasMaxLength(40);
            e.Property(s => s.Label).HasMaxLength(40);
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Status).HasConversion<int>();
            e.Property(s => s.CreatedBy).HasMaxLength(100);
            e.Property(s => s.ActivatedBy).HasMaxLength(100);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => new { s.Code, s.Number }).IsUnique();
            e.HasIndex(s => s.Status);
        });
        builder.Entity<FieldCheck>(e =>
        {
            e.ToTable("eval_field_checks");
            e.Property(f => f.PeriodCode).HasMaxLength(16);
            e.Property(f => f.IndicatorKey).HasMaxLength(40);
            e.Property(f => f.Household).HasMaxLength(100);
            e.Property(f => f.Note).HasMaxLength(500);
            e.Property(f => f.CheckedBy).HasMaxLength(100);
            e.Property(f => f.Version).IsConcurrencyToken();
            e.Property(f => f.SubjectKind).HasConversion<int>();
            e.HasIndex(f => new { f.SchemeId, f.PeriodCode, f.SubjectKind, f.SubjectId });
            e.HasOne<EvaluationSchemeRecord>().WithMany().HasForeignKey(f => f.SchemeId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ManualScore>(e =>
        {
            e.ToTable("eval_manual_scores");
            e.Property(m => m.PeriodCode).HasMaxLength(16);
            e.Property(m => m.IndicatorKey).HasMaxLength(40);
            e.Property(m => m.Note).HasMaxLength(500);
            e.Property(m => m.By).HasMaxLength(100);
            e.Property(m => m.SubjectKind).HasConversion<int>();
            e.Property(m => m.Version).IsConcurrencyToken();
            e.HasIndex(m => new { m.SchemeId, m.PeriodCode, m.SubjectKind, m.SubjectId, m.IndicatorKey }).IsUnique();
            e.HasOne<EvaluationSchemeRecord>().WithMany().HasForeignKey(m => m.SchemeId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ImportedFigure>(e =>
        {
            e.ToTable("eval_imported_figures");
            e.Property(f => f.PeriodCode).HasMaxLength(16);
            e.Property(f => f.SubjectKind).HasConversion<int>();
            e.Property(f => f.Name).HasMaxLength(40);
            e.Property(f => f.ImportedBy).HasMaxLength(100);
            e.HasIndex(f => new { f.SchemeId, f.PeriodCode, f.SubjectKind, f.SubjectId, f.Name }).IsUnique();
            e.HasIndex(f => f.ImportBatchId);
            e.HasOne<EvaluationSchemeRecord>().WithMany().HasForeignKey(f => f.SchemeId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<EvaluationRun>(e =>
        {
            e.ToTable("eval_runs");
            e.Property(r => r.PeriodCode).HasMaxLength(16);
            e.Property(r => r.Status).HasConversion<int>();
            e.Property(r => r.ComputedBy).HasMaxLength(100);
            e.Property(r => r.PublishedBy).HasMaxLength(100);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.HasIndex(r => new { r.SchemeId, r.PeriodCode, r.Status });
            e.HasOne<EvaluationSchemeRecord>().WithMany().HasForeignKey(r => r.SchemeId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<RunEvent>(e =>
        {
            e.ToTable("eval_run_events");
            e.Property(r => r.Action).HasMaxLength(32);
            e.Property(r => r.Actor).HasMaxLength(100);
            e.Property(r => r.Note).HasMaxLength(500);
            e.HasIndex(r => r.RunId);
            e.HasOne<EvaluationRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class SqliteEvaluationDbContext(DbContextOptions<SqliteEvaluationDbContext> options) : EvaluationDbContext(options);

public sealed class PostgresEvaluationDbContext(DbContextOptions<PostgresEvaluationDbContext> options) : EvaluationDbContext(options)
{
    protected override void ConfigureModule(ModelBuilder builder)
    {
        base.ConfigureModule(builder);

        // A run's inputs and result are tens of MB of JSON for 10,000 staff: lz4 stores them in about a third of the
        // time the default pglz takes, and smaller (measured in docs/evaluation.md, Benchmark).
        builder.Entity<EvaluationRun>(e =>
        {
            e.Property(r => r.InputsJson).UseCompressionMethod("lz4");
            e.Property(r => r.ResultJson).UseCompressionMethod("lz4");
        });
    }
}

internal sealed class SqliteEvaluationDesignTimeFactory : IDesignTimeDbContextFactory<SqliteEvaluationDbContext>
{
    public SqliteEvaluationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteEvaluationDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(EvaluationDbContext.HistoryTable)).Options);
}

internal sealed class PostgresEvaluationDesignTimeFactory : IDesignTimeDbContextFactory<PostgresEvaluationDbContext>
{
    public PostgresEvaluationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresEvaluationDbContext>().UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(EvaluationDbContext.HistoryTable)).Options);
}
