using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Audit;

namespace Norma.Modules.Platform.Data;

/// <summary>
/// The base of every capability's own context (Standards, Calendars, Catalog …): it sees the shared audit table
/// (leaving it to the Platform's migrations) and saves through <see cref="AuditedSave"/>, so each change is
/// appended to the one hash chain in the same transaction. A module maps its tables in <see cref="ConfigureModule"/>.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, IReadOnlyDictionary<Type, string> auditedTypes) : DbContext(options), IAuditedContext
{
    public AuditActor AuditActor { get; set; } = AuditActor.System;

    public List<AuditEvent> PendingAuditEvents { get; } = [];

    protected abstract void ConfigureModule(ModelBuilder builder);

    protected sealed override void OnModelCreating(ModelBuilder builder)
    {
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("platform_audit_log", t => t.ExcludeFromMigrations());
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
        });
        builder.Entity<PendingAuditEntry>(e => e.ToTable("platform_audit_pending", t => t.ExcludeFromMigrations()));
        ConfigureModule(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditedSave.EnsureNothingAudited(this, this, auditedTypes);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        AuditedSave.SaveAsync(this, this, auditedTypes, ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);

    /// <summary>
    /// <see cref="SaveChangesAsync(CancellationToken)"/> for a hot path that only adds rows: on PostgreSQL they go in as
    /// one batch in one round trip (<see cref="Shared.Persistence.InsertBatch"/>), audited the same way; anything the
    /// batch cannot write, and SQLite, go through SaveChanges. When every tracked entry is an added row without
    /// navigations, changes are not detected first (nothing an insert writes depends on them).
    /// </summary>
    public Task<int> SaveInsertsAsync(CancellationToken cancellationToken = default) =>
        AuditedSave.SaveAsync(this, this, auditedTypes,
            async ct => await Shared.Persistence.InsertBatch.TryWriteAsync(this, ct) ?? await base.SaveChangesAsync(true, ct), cancellationToken,
            insertsOnly: true);
}
