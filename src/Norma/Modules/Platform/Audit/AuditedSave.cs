using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
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
/// the change tracker, and write them in the same transaction as the change (chained right after by <see cref="AuditChainer"/>).
/// </summary>
public static class AuditedSave
{
    public static async Task<int> SaveAsync(
        DbContext db, IAuditedContext audit, IReadOnlyDictionary<Type, string> auditedTypes, Func<CancellationToken, Task<int>> save, CancellationToken ct,
        bool insertsOnly = false)
    {
        // Changes are detected once, here: every Entries() call (collecting, the checks below, the save itself) would
        // otherwise scan the whole tracker again — a few per save, a tenth of a case intake's CPU.
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (!(insertsOnly && OnlyPlainAdds(tracker)))
            {
                tracker.DetectChanges();
            }

            return await SaveDetectedAsync(db, audit, auditedTypes, save, ct);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// Whether every tracked entry is an added row of a type without navigations or complex properties. Detecting changes
    /// finds nothing such rows need: an insert writes each column's current value whatever its modified flag, and with no
    /// navigation there is no reference to turn into a key. Any loaded (possibly changed) entity, or any navigation,
    /// and changes are detected as usual. On the case intake's path the scan was a fourteenth of the app's CPU.
    /// </summary>
    private static bool OnlyPlainAdds(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries()) // no scan: automatic detection is off here
        {
            if (entry.State != EntityState.Added || !PlainTypes.GetOrAdd(entry.Metadata, IsPlain))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly ConcurrentDictionary<IEntityType, bool> PlainTypes = new();

    private static bool IsPlain(IEntityType type) =>
        !type.GetNavigations().Any() && !type.GetSkipNavigations().Any() && !type.GetComplexProperties().Any() && !type.IsOwned();

    private static async Task<int> SaveDetectedAsync(
        DbContext db, IAuditedContext audit, IReadOnlyDictionary<Type, string> auditedTypes, Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        BumpVersions(db);
        var events = AuditCollector.Collect(db.ChangeTracker, auditedTypes);
        events.AddRange(audit.PendingAuditEvents);
        audit.PendingAuditEvents.Clear();
        // Only a change to data drops this context's cached answers: the chainer's saves and event-only saves (a sign-in)
        // touch just the log, and must not let anyone keep every cache of the node cold.
        var touchesData = db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is not (AuditEntry or PendingAuditEntry));
        if (events.Count == 0)
        {
            var saved = await save(ct);
            if (touchesData)
            {
                ReferenceCache.Changed(db);
            }

            return saved;
        }

        // The events go in with the change, in the same SaveChanges (one transaction, one round trip for the batch);
        // AuditChainer hashes them into the chain shortly after, so concurrent saves never wait for one another here.
        var queued = AuditLog.Queue(db, audit.AuditActor, events);
        try
        {
            var written = await save(ct);
            if (touchesData)
            {
                ReferenceCache.Changed(db);
            }

            AuditChainer.Notify();
            return written - queued.Count;
        }
        catch
        {
            // Entries added for a failed save must not be retried with the next save.
            foreach (var entry in queued)
            {
                db.Entry(entry).State = EntityState.Detached;
            }

            throw;
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
                // Through the entry, so the change is tracked without another scan of the tracker.
                entry.Property(e => e.Version).CurrentValue = entry.Entity.Version + 1;
            }
        }
    }
}
