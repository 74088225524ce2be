using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Norma.Shared.Persistence;

/// <summary>
/// A short-lived cache of reference data read on hot paths (a service item with its commitments, a published process,
/// the unit tree, the calendar a unit works by). An entry is dropped as soon as this process saves anything through
/// one of the contexts it depends on (each save bumps that context's generation), and in any case after
/// <c>Caching:ReferenceSeconds</c> (30 s by default) — which bounds how long another app node may serve a stale
/// answer. Cached values must be immutable records.
/// </summary>
public sealed class ReferenceCache(TimeProvider clock, IConfiguration configuration)
{
    private static readonly ConcurrentDictionary<Type, long> Generations = new();

    private readonly ConcurrentDictionary<(string, object), Entry> entries = new();
    private readonly TimeSpan lifetime = TimeSpan.FromSeconds(configuration.GetValue("Caching:ReferenceSeconds", 30));

    private sealed record Entry(long Generation, DateTimeOffset Expires, object? Value);

    /// <summary>Called by every audited save: whatever was cached from this kind of context is out of date.</summary>
    public static void Changed(DbContext db)
    {
        var kind = db.GetType();
        while (kind.BaseType is { IsAbstract: true } parent && parent != typeof(DbContext) && parent.Name != "ModuleDbContext")
        {
            kind = parent;
        }

        Generations.AddOrUpdate(kind, 1, (_, v) => v + 1);
    }

    private static long GenerationOf(Type[] contexts)
    {
        long sum = 0;
        foreach (var c in contexts)
        {
            sum += Generations.GetValueOrDefault(c);
        }

        return sum;
    }

    /// <summary>The cached value for the key, or <paramref name="load"/>'s (then cached) when absent, expired or invalidated.</summary>
    /// <param name="maxAge">A shorter lifetime than the configured one, for answers other nodes must not serve stale for long.</param>
    /// <param name="cacheMisses">False where keys come from outside (a presented token): a miss is not kept, so guessing cannot fill memory.</param>
    public async Task<T> GetAsync<T>(string region, object key, Type[] dependsOn, Func<Task<T>> load, TimeSpan? maxAge = null, bool cacheMisses = true)
    {
        var life = maxAge is { } m && m < lifetime ? m : lifetime;
        if (life <= TimeSpan.Zero)
        {
            return await load();
        }

        var generation = GenerationOf(dependsOn);
        var now = clock.GetUtcNow();
        if (entries.TryGetValue((region, key), out var hit) && hit.Generation == generation && hit.Expires > now)
        {
            return (T)hit.Value!;
        }

        var value = await load();
        // Only cache what was read under an unchanged generation: a save during the read makes it suspect.
        if (GenerationOf(dependsOn) == generation && (cacheMisses || value is not null))
        {
            entries[(region, key)] = new Entry(generation, now + life, value);
        }

        return value;
    }

    /// <summary>Instants in one 15-minute slot share a local date in every real time zone: a safe key for "in force at".</summary>
    public static long Slot(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute / 15;
}
