using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Cases.Data;

/// <summary>
/// Cases (工单/办件) and everything hanging off them: events (the timeline), materialized commitment clocks, process
/// steps, pauses, extensions, transfers, work records, goods, links, escalations, files, numbering counters,
/// idempotency keys and saved views. Indexes serve keyset paging at a million cases (docs/cases.md).
/// </summary>
public abstract class CasesDbContext(DbContextOptions options) : ModuleDbContext(options, AuditedTypes)
{
    public const string HistoryTable = "__EFMigrationsHistory_Cases";

    /// <summary>The case row, ownership moves and pauses/extensions are audited; events and clocks are their own history.</summary>
    private static readonly Dictionary<Type, string> AuditedTypes = new()
    {
        [typeof(Case)] = "case",
        [typeof(CaseTransfer)] = "case_transfer",
        [typeof(CaseExtension)] = "case_extension",
        [typeof(CasePause)] = "case_pause",
    };

    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseEvent> Events => Set<CaseEvent>();
    public DbSet<CaseCommitment> Clocks => Set<CaseCommitment>();
    public DbSet<CasePause> Pauses => Set<CasePause>();
    public DbSet<CaseExtension> Extensions => Set<CaseExtension>();
    public DbSet<CaseTransfer> Transfers => Set<CaseTransfer>();
    public DbSet<CaseWork> Work => Set<CaseWork>();
    public DbSet<CaseGoods> Goods => Set<CaseGoods>();
    public DbSet<CaseStep> Steps => Set<CaseStep>();
    public DbSet<CaseLink> Links => Set<CaseLink>();
    public DbSet<CaseEscalation> Escalations => Set<CaseEscalation>();
    public DbSet<CaseFile> Files => Set<CaseFile>();
    public DbSet<CaseSequence> Sequences => Set<CaseSequence>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<SavedCaseView> SavedViews => Set<SavedCaseView>();

    protected override void ConfigureModule(ModelBuilder builder)
    {
        builder.Entity<Case>(e =>
        {
            e.ToTable("case_cases");
            e.Property(c => c.Number).HasMaxLength(40);
            e.Property(c => c.ItemCode).HasMaxLength(32);
            e.Property(c => c.ItemName).HasMaxLength(100);
            e.Property(c => c.Handling).HasConversion<int>();
            e.Property(c => c.Channel).HasConversion<int>();
            e.Property(c => c.ExternalNumber).HasMaxLength(40);
            e.Property(c => c.CallerName).HasMaxLength(50);
            e.Property(c => c.CallerPhone).HasMaxLength(20);
            e.Property(c => c.Address).HasMaxLength(200);
            e.Property(c => c.Area).HasMaxLength(50);
            e.Property(c => c.Title).HasMaxLength(200);
            e.Property(c => c.Description).HasMaxLength(4000);
            e.Property(c => c.Priority).HasConversion<int>();
            e.Property(c => c.Status).HasConversion<int>();
            e.Property(c => c.UnitPath).HasMaxLength(400);
            e.Property(c => c.OwnerName).HasMaxLength(100);
            e.Property(c => c.AssigneeName).HasMaxLength(100);
            e.Property(c => c.Charge).HasConversion<int?>();
            e.Property(c => c.ProcessActive).HasMaxLength(1000);
            e.Property(c => c.ProcessDone).HasMaxLength(4000);
            e.Property(c => c.ProcessOutcome).HasConversion<int?>();
            e.Property(c => c.Resolution).HasMaxLength(2000);
            e.Property(c => c.ConfirmedBy).HasMaxLength(50);
            e.Property(c => c.ConfirmationCode).HasMaxLength(20);
            e.Property(c => c.CreatedByName).HasMaxLength(100);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => c.Number).IsUnique();

            // Keyset paging: every list orders by (CreatedAt, Id) or (NextDueAt, Id) after narrowing by these columns.
            e.HasIndex(c => new { c.CreatedAt, c.Id });
            e.HasIndex(c => new { c.UnitId, c.CreatedAt, c.Id });
            e.HasIndex(c => new { c.Status, c.CreatedAt, c.Id });
            e.HasIndex(c => new { c.OwnerId, c.CreatedAt });
            e.HasIndex(c => new { c.AssigneeId, c.CreatedAt });
            e.HasIndex(c => new { c.ItemId, c.CreatedAt });
            e.HasIndex(c => new { c.NextDueAt, c.Id });
            e.HasIndex(c => c.CallerPhone);
            e.HasIndex(c => c.CustomerId);
            e.HasIndex(c => c.ExternalNumber);

            // Search on PostgreSQL (docs/cases-performance.md): number prefixes need a pattern-ops b-tree (the database's collation is
            // not C), "title contains" a trigram GIN index. SQLite scans the (CreatedAt, Id) index and filters instead.
            if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                builder.HasPostgresExtension("pg_trgm");
                e.HasIndex(c => c.Number, "IX_case_cases_Number_pattern").HasOperators("text_pattern_ops");
                e.HasIndex(c => c.Title, "IX_case_cases_Title_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
            }
        });
        builder.Entity<CaseEvent>(e =>
        {
            e.ToTable("case_events");
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.Type).HasMaxLength(40);
            e.Property(x => x.FromStatus).HasConversion<int?>();
            e.Property(x => x.ToStatus).HasConversion<int?>();
            e.Property(x => x.Note).HasMaxLength(2000);
            e.Property(x => x.Data).HasMaxLength(4000);
            e.HasIndex(x => new { x.CaseId, x.At });
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseCommitment>(e =>
        {
            e.ToTable("case_clocks");
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Metric).HasConversion<int>();
            e.Property(x => x.Milestone).HasMaxLength(50);
            e.Property(x => x.Limit).HasMaxLength(16);
            e.Property(x => x.Extension).HasMaxLength(16);
            e.Property(x => x.State).HasConversion<int>();
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.NextCheckAt);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CasePause>(e =>
        {
            e.ToTable("case_pauses");
            e.Property(x => x.Reason).HasConversion<int>();
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.StartedBy).HasMaxLength(100);
            e.Property(x => x.EndedBy).HasMaxLength(100);
            e.HasIndex(x => x.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseExtension>(e =>
        {
            e.ToTable("case_extensions");
            e.Property(x => x.Limit).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.Status).HasConversion<int>();
            e.Property(x => x.RequestedBy).HasMaxLength(100);
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.DecisionNote).HasMaxLength(500);
            e.Property(x => x.CustomerNotice).HasMaxLength(1000);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.Status);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseTransfer>(e =>
        {
            e.ToTable("case_transfers");
            e.Property(x => x.FromName).HasMaxLength(100);
            e.Property(x => x.ToAccountName).HasMaxLength(100);
            e.Property(x => x.ToUnitName).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.Status).HasConversion<int>();
            e.Property(x => x.DecidedBy).HasMaxLength(100);
            e.Property(x => x.RefusalReason).HasMaxLength(500);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => new { x.Status, x.ToAccountId });
            e.HasIndex(x => new { x.Status, x.ToUnitId });
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseWork>(e =>
        {
            e.ToTable("case_work");
            e.Property(x => x.AccountName).HasMaxLength(100);
            e.Property(x => x.Charge).HasConversion<int>();
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.Parts).HasMaxLength(500);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => new { x.WorkDate, x.AccountId });
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseGoods>(e =>
        {
            e.ToTable("case_goods");
            e.Property(x => x.Article).HasMaxLength(200);
            e.Property(x => x.SerialNumber).HasMaxLength(100);
            e.Property(x => x.Condition).HasMaxLength(500);
            e.Property(x => x.InBy).HasMaxLength(100);
            e.Property(x => x.OutBy).HasMaxLength(100);
            e.Property(x => x.ReceivedBy).HasMaxLength(50);
            e.HasIndex(x => x.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseStep>(e =>
        {
            e.ToTable("case_steps");
            e.Property(x => x.StepKey).HasMaxLength(64);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.EndedBy).HasMaxLength(100);
            e.Property(x => x.Values).HasMaxLength(8000);
            e.Property(x => x.SignOffs).HasMaxLength(1000);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.HasIndex(x => x.CaseId);
            e.HasIndex(x => x.DueAt);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseLink>(e =>
        {
            e.ToTable("case_links");
            e.Property(x => x.Kind).HasConversion<int>();
            e.Property(x => x.By).HasMaxLength(100);
            e.HasIndex(x => new { x.CaseId, x.OtherCaseId }).IsUnique();
            e.HasIndex(x => x.OtherCaseId);
        });
        builder.Entity<CaseEscalation>(e =>
        {
            e.ToTable("case_escalations");
            e.Property(x => x.TargetIds).HasMaxLength(2000);
            e.Property(x => x.TargetNames).HasMaxLength(1000);
            e.Property(x => x.AcknowledgedBy).HasMaxLength(100);
            e.HasIndex(x => new { x.CaseCommitmentId, x.Level }).IsUnique();
            e.HasIndex(x => new { x.CaseId, x.At });
            e.HasIndex(x => x.At);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseFile>(e =>
        {
            e.ToTable("case_files");
            e.Property(x => x.FileName).HasMaxLength(200);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.UploadedBy).HasMaxLength(100);
            e.HasIndex(x => x.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseSequence>(e =>
        {
            e.ToTable("case_sequences");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(200);
        });
        builder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("case_idempotency");
            e.HasKey(x => new { x.AccountId, x.Key });
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.HasIndex(x => x.CreatedAt);
        });
        builder.Entity<SavedCaseView>(e =>
        {
            e.ToTable("case_saved_views");
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Query).HasMaxLength(2000);
            e.HasIndex(x => new { x.AccountId, x.Name }).IsUnique();
        });
    }
}

public sealed class SqliteCasesDbContext(DbContextOptions<SqliteCasesDbContext> options) : CasesDbContext(options);

public sealed class PostgresCasesDbContext(DbContextOptions<PostgresCasesDbContext> options) : CasesDbContext(options);

internal sealed class SqliteCasesDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCasesDbContext>
{
    public SqliteCasesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCasesDbContext>().UseSqlite("Data Source=design.db", o => o.MigrationsHistoryTable(CasesDbContext.HistoryTable)).Options);
}

internal sealed class PostgresCasesDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCasesDbContext>
{
    public PostgresCasesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCasesDbContext>().UseNpgsql("Host=localhost;Database=design", o => o.MigrationsHistoryTable(CasesDbContext.HistoryTable)).Options);
}
