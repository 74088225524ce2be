using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Data;
using Norma.Shared.Persistence;

namespace Norma.Modules.Platform.Audit;

/// <summary>A module's DbContext whose saves are audited. Each module's context implements it and saves through <see cref="AuditedSave"/>.</summary>
public interface IAuditedContext
{
    /// <summary>Who the next save is attributed to. Set once per operation.</summary>
    AuditActor AuditActor { get; set; }

    /// <summary>Events without an entity change, written with the next save.</summary>
    List<AuditEvent> PendingAuditEvents { get; }
}

/// <summary>
/// The save path every module's context shares: bump versions (optimistic concurrency), collect audit events from
/// the change tracker, and append them to the one hash chain in the same transaction as the change.
/// </summary>
public static class AuditedSave
{
    public static async Task<int> SaveAsync(
        DbContext db, IAuditedContext audit, IReadOnlyDictionary<Type, string> auditedTypes, Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        BumpVersions(db);
        var events = AuditCollector.Collect(db.ChangeTracker, auditedTypes);
        events.AddRange(audit.PendingAuditEvents);
        audit.PendingAuditEvents.Clear();
        if (events.Count == 0)
        {
            var saved = await save(ct);
            ReferenceCache.Changed(db);
            return saved;
        }

        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            // The change first, then the chain: the chain's lock (one appender at a time) is held only for reading the last
            // hash, inserting the entries and committing — not while the change itself is written.
            var written = db.ChangeTracker.HasChanges() ? await save(ct) : 0;
            await AuditLog.AppendAsync(db, audit.AuditActor, events, ct);
            await save(ct);
            ReferenceCache.Changed(db);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct);
            }

            return written;
        }
        catch
        {
            // Entries added for a failed save must not be retried with the next save.
            foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }

            throw;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Synchronous saves are only allowed when nothing audited changed (Data Protection's key store).</summary>
    public static void EnsureNothingAudited(DbContext db, IAuditedContext audit, IReadOnlyDictionary<Type, string> auditedTypes)
    {
        BumpVersions(db);
        if (audit.PendingAuditEvents.Count > 0 || AuditCollector.Collect(db.ChangeTracker, auditedTypes).Count > 0)
        {
            throw new InvalidOperationException("Audited changes must be saved with SaveChangesAsync.");
        }
    }

    private static void BumpVersions(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}
