using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Data;
using Norma.Rules.Audit;

namespace Norma.Modules.Platform.Audit;

/// <summary>Appends to the hash chain. Must run inside the transaction of the change being audited.</summary>
public static class AuditLog
{
    /// <summary>Any fixed number: the PostgreSQL advisory lock that serializes appends across app nodes.</summary>
    private const long ChainLockKey = 0x4E4F524D41; // "NORMA"

    public static async Task AppendAsync(DbContext db, AuditActor actor, IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            // Held until the transaction ends, so the next appender reads our last hash.
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct);
        }

        // On SQLite the transaction is BEGIN IMMEDIATE: it already holds the database's write lock here.
        var last = await db.Set<AuditEntry>().AsNoTracking()
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash })
            .FirstOrDefaultAsync(ct);
        var sequence = last?.Sequence ?? 0;
        var previousHash = last?.Hash ?? AuditChain.GenesisHash;
        var now = AuditChain.Normalize(DateTime.UtcNow);

        foreach (var e in events)
        {
            sequence++;
            var hash = AuditChain.ComputeHash(sequence, now, actor.AccountId, actor.Name, e.Action, e.EntityType, e.EntityId, e.Details, previousHash);
            db.Set<AuditEntry>().Add(new AuditEntry
            {
                Sequence = sequence,
                At = now,
                ActorId = actor.AccountId,
                ActorName = actor.Name,
                Action = e.Action,
                EntityType = e.EntityType,
                EntityId = e.EntityId,
                Details = e.Details,
                PreviousHash = previousHash,
                Hash = hash,
            });
            previousHash = hash;
        }
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
