using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Data;
using Norma.Rules.Audit;

namespace Norma.Modules.Platform.Audit;

/// <summary>Writes audit events and verifies the hash chain they end up in.</summary>
public static class AuditLog
{
    /// <summary>
    /// Adds the events to the context's change tracker as pending entries, to be saved with the change they describe;
    /// <see cref="AuditChainer"/> chains them after the commit.
    /// </summary>
    public static IReadOnlyList<PendingAuditEntry> Queue(DbContext db, AuditActor actor, IReadOnlyList<AuditEvent> events)
    {
        var now = AuditChain.Normalize(DateTime.UtcNow);
        var rows = new List<PendingAuditEntry>(events.Count);
        foreach (var e in events)
        {
            rows.Add(new PendingAuditEntry
            {
                At = now,
                ActorId = actor.AccountId,
                ActorName = actor.Name,
                Action = e.Action,
                EntityType = e.EntityType,
                EntityId = e.EntityId,
                Details = e.Details,
            });
        }

        db.Set<PendingAuditEntry>().AddRange(rows);
        return rows;
    }

    /// <summary>Reads the chain in batches and returns the first broken link, or null.</summary>
    internal static async Task<(long Checked, AuditBreak? Break)> VerifyAsync(PlatformDbContext db, CancellationToken ct)
    {
        const int batch = 5000;
        long after = 0, count = 0;
        var expected = 1L;
        var previousHash = AuditChain.GenesisHash;
        while (true)
        {
            var rows = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > after)
                .OrderBy(a => a.Sequence)
                .Take(batch)
                .ToListAsync(ct);
            if (rows.Count == 0)
            {
                return (count, null);
            }

            var records = rows.Select(r => new AuditRecord(r.Sequence, DateTime.SpecifyKind(r.At, DateTimeKind.Utc), r.ActorId, r.ActorName,
                r.Action, r.EntityType, r.EntityId, r.Details, r.PreviousHash, r.Hash));
            var broken = AuditChain.Verify(records, expected, previousHash);
            if (broken is not null)
            {
                return (count, broken);
            }

            count += rows.Count;
            after = rows[^1].Sequence;
            expected = after + 1;
            previousHash = rows[^1].Hash;
        }
    }
}
