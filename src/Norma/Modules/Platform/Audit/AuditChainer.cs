using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Data;
using Norma.Rules.Audit;

namespace Norma.Modules.Platform.Audit;

/// <summary>
/// Moves pending audit events (written in the transactions of their changes, see <see cref="AuditedSave"/>) into the
/// hash chain, oldest first. One chainer at a time across all app nodes: a PostgreSQL advisory lock, or SQLite's write
/// lock (its transactions begin IMMEDIATE). A pending row and its chain entry change hands in one transaction, so each
/// event is chained exactly once, and an event whose transaction commits late is simply chained by the next pass.
/// Keeping the chain's single-file step out of the business transactions is what lets saves run in parallel: before,
/// every audited save held the chain's lock across its own commit.
/// </summary>
public static class AuditChainer
{
    /// <summary>Any fixed number: the PostgreSQL advisory lock that serializes chaining across app nodes.</summary>
    private const long ChainLockKey = 0x4E4F524D41; // "NORMA"

    private const int Batch = 1000;

    private static readonly SemaphoreSlim Signal = new(0);

    /// <summary>Wakes this process's <see cref="AuditChainService"/>: something was queued.</summary>
    public static void Notify()
    {
        if (Signal.CurrentCount == 0)
        {
            Signal.Release();
        }
    }

    internal static Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken ct) => Signal.WaitAsync(timeout, ct);

    /// <summary>Chains every pending event committed so far. Readers of the log call it first, so they see every change.</summary>
    public static async Task<int> ChainAllAsync(PlatformDbContext db, CancellationToken ct = default)
    {
        var total = 0;
        int chained;
        do
        {
            chained = await ChainBatchAsync(db, ct);
            total += chained;
        }
        while (chained == Batch);

        return total;
    }

    private static async Task<int> ChainBatchAsync(PlatformDbContext db, CancellationToken ct)
    {
        // Cheap check without any lock: the common idle case.
        if (!await db.PendingAuditEntries.AnyAsync(ct))
        {
            return 0;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct);
            }

            var pending = await db.PendingAuditEntries.AsNoTracking().OrderBy(p => p.Id).Take(Batch).ToListAsync(ct);
            if (pending.Count == 0)
            {
                return 0;
            }

            var last = await db.AuditEntries.AsNoTracking()
                .OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash })
                .FirstOrDefaultAsync(ct);
            var sequence = last?.Sequence ?? 0;
            var previousHash = last?.Hash ?? AuditChain.GenesisHash;
            foreach (var p in pending)
            {
                sequence++;
                var at = AuditChain.Normalize(DateTime.SpecifyKind(p.At, DateTimeKind.Utc));
                var hash = AuditChain.ComputeHash(sequence, at, p.ActorId, p.ActorName, p.Action, p.EntityType, p.EntityId, p.Details, previousHash);
                db.AuditEntries.Add(new AuditEntry
                {
                    Sequence = sequence,
                    At = at,
                    ActorId = p.ActorId,
                    ActorName = p.ActorName,
                    Action = p.Action,
                    EntityType = p.EntityType,
                    EntityId = p.EntityId,
                    Details = p.Details,
                    PreviousHash = previousHash,
                    Hash = hash,
                });
                previousHash = hash;
            }

            await db.SaveChangesAsync(ct);
            var firstId = pending[0].Id;
            var lastId = pending[^1].Id;
            var ids = pending.Select(p => p.Id).ToList();
            // Ids in the batch's range that were not read (still uncommitted then) stay for the next pass.
            await db.PendingAuditEntries.Where(p => p.Id >= firstId && p.Id <= lastId && ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return pending.Count;
        });
    }

    /// <summary>
    /// For readers: chain what is pending, but never fail the read for it (a role without DELETE on the pending table,
    /// a lock timeout …): the failure is logged and the reader shows the chain as it is.
    /// </summary>
    public static async Task TryChainAllAsync(IServiceProvider services, ILogger logger, CancellationToken ct = default)
    {
        try
        {
            await ChainAllAsync(services, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Chaining pending audit events failed; reading the chain as it is");
        }
    }

    /// <summary>For verbs and tests: chain with a fresh scope.</summary>
    public static async Task<int> ChainAllAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        return await ChainAllAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), ct);
    }
}

/// <summary>
/// Chains pending audit events shortly after they are written (woken by <see cref="AuditChainer.Notify"/>, and every
/// <c>Audit:ChainIntervalSeconds</c> (10 s) for events queued by other app nodes or left by a stopped one). A failing
/// pass is logged and retried; the events wait safely in their table meanwhile.
/// </summary>
internal sealed class AuditChainService(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AuditChainService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Audit:ChainIntervalSeconds", 10)));
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, configuration.GetValue("Audit:ChainDelayMilliseconds", 200)));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await AuditChainer.WaitForWorkAsync(interval, stoppingToken))
                {
                    // Let a burst of saves gather: one pass then chains them together.
                    await Task.Delay(delay, stoppingToken);
                }

                await PassAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still pending is chained by the next start or by another node.
        }
    }

    private async Task PassAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await AuditChainer.ChainAllAsync(scope.ServiceProvider.GetRequiredService<PlatformDbContext>(), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError(ex, "Audit chaining pass failed; the next pass retries");
        }
    }
}
