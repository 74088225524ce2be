using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Platform.Audit;
using Norma.Shared.Persistence;
using Case = Norma.Modules.Cases.Domain.Case;

namespace Norma.IntegrationTests.Platform;

/// <summary>
/// The insert-only save of hot paths (case intake): on PostgreSQL one batch past the change tracker's update pipeline,
/// on SQLite SaveChanges. Whatever it writes must read back exactly as SaveChanges would have written it.
/// </summary>
public sealed class InsertBatchTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private static readonly DateTime Base = new(2026, 12, 6, 1, 2, 3, DateTimeKind.Utc);

    /// <summary>Every settable property gets a distinct, non-default value (new columns included, by reflection).</summary>
    private static T Filled<T>(int seed)
        where T : new()
    {
        var entity = new T();
        var i = seed;
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            i++;
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            object value = type switch
            {
                _ when type == typeof(string) => $"v{i}",
                _ when type == typeof(Guid) => new Guid(i, 0x4e6f, 0x726d, [0x61, 0, 0, 0, 0, 0, 0, 1]),
                _ when type == typeof(DateTime) => Base.AddSeconds(i),
                _ when type == typeof(bool) => true,
                _ when type == typeof(int) => i,
                _ when type == typeof(long) => 1000L + i,
                _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
                _ => throw new InvalidOperationException($"{typeof(T).Name}.{p.Name}: give the test a value for {type.Name}."),
            };
            p.SetValue(entity, value);
        }

        return entity;
    }

    private static (Case Case, CaseCommitment Clock) Graph(int seed)
    {
        var c = Filled<Case>(seed);
        c.Id = Guid.CreateVersion7();
        c.Number = $"n{seed}";
        c.MergedIntoId = null;
        var clock = Filled<CaseCommitment>(seed + 100);
        clock.Id = Guid.CreateVersion7();
        clock.CaseId = c.Id;
        return (c, clock);
    }

    private static void ShouldMatch<T>(T actual, T expected, params string[] except)
    {
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && !except.Contains(p.Name)))
        {
            p.GetValue(actual).ShouldBe(p.GetValue(expected), $"{typeof(T).Name}.{p.Name}");
        }
    }

    [Fact]
    public async Task Rows_written_as_one_batch_read_back_exactly_as_SaveChanges_writes_them()
    {
        var (viaSaveChanges, clockA) = Graph(0);
        var (viaBatch, clockB) = Graph(0);
        viaBatch.Id = Guid.CreateVersion7();
        viaBatch.Number = "batch";
        clockB.Id = Guid.CreateVersion7();
        clockB.CaseId = viaBatch.Id;
        await app.WithCasesAsync(async db =>
        {
            db.Cases.Add(viaSaveChanges);
            db.Clocks.Add(clockA);
            return await db.SaveChangesAsync();
        });
        var written = await app.WithCasesAsync(async db =>
        {
            // Dependent first: the batch still writes the case before its clock (the foreign key is checked per statement).
            db.Clocks.Add(clockB);
            db.Cases.Add(viaBatch);
            var n = await db.SaveInsertsAsync();
            db.ChangeTracker.Entries().ShouldAllBe(e => e.State == EntityState.Unchanged);
            // The audit entry's key is the database's (identity): read back, no longer a temporary value.
            db.ChangeTracker.Entries<Modules.Platform.Data.PendingAuditEntry>().ShouldAllBe(e => e.Entity.Id > 0 && !e.Property(x => x.Id).IsTemporary);
            return n;
        });
        written.ShouldBe(2);

        var (a, b, ka, kb) = await app.WithCasesAsync(async db => (
            await db.Cases.AsNoTracking().SingleAsync(x => x.Id == viaSaveChanges.Id),
            await db.Cases.AsNoTracking().SingleAsync(x => x.Id == viaBatch.Id),
            await db.Clocks.AsNoTracking().SingleAsync(x => x.Id == clockA.Id),
            await db.Clocks.AsNoTracking().SingleAsync(x => x.Id == clockB.Id)));
        ShouldMatch(b, a, nameof(Case.Id), nameof(Case.Number));
        b.Number.ShouldBe("batch");
        ShouldMatch(kb, ka, nameof(CaseCommitment.Id), nameof(CaseCommitment.CaseId));
        b.Id.ShouldBe(viaBatch.Id);
        kb.CaseId.ShouldBe(viaBatch.Id);
        ShouldMatch(b, viaBatch); // and both are what was given
        ShouldMatch(kb, clockB);

        // Audited like any save: the new case's entry is in the chain.
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(x => x.Action == "case.created" && x.EntityId == viaBatch.Id.ToString()));
        audited.ShouldBe(1);
    }

    [Fact]
    public async Task A_batch_that_fails_writes_nothing()
    {
        var (c, clock) = Graph(200);
        var orphan = Filled<CaseCommitment>(300); // its case does not exist
        orphan.Id = Guid.CreateVersion7();
        var failure = await Should.ThrowAsync<DbUpdateException>(() => app.WithCasesAsync(async db =>
        {
            db.Cases.Add(c);
            db.Clocks.Add(clock);
            db.Clocks.Add(orphan);
            return await db.SaveInsertsAsync();
        }));
        failure.ShouldNotBeNull();
        var left = await app.WithCasesAsync(async db => (await db.Cases.CountAsync(x => x.Id == c.Id)) + (await db.Clocks.CountAsync(x => x.CaseId == c.Id)));
        left.ShouldBe(0);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().CountAsync(x => x.EntityId == c.Id.ToString()));
        audited.ShouldBe(0);
    }

    [Fact]
    public async Task Anything_but_inserts_is_left_to_SaveChanges()
    {
        var (c, _) = Graph(400);
        await app.WithCasesAsync(async db =>
        {
            db.Cases.Add(c);
            return await db.SaveChangesAsync();
        });
        await app.WithCasesAsync(async db =>
        {
            var loaded = await db.Cases.SingleAsync(x => x.Id == c.Id);
            loaded.Title = "changed";
            db.Clocks.Add(Graph(500).Clock.With(k => k.CaseId = c.Id));
            (await InsertBatch.TryWriteAsync(db, default)).ShouldBeNull();
            db.Entry(loaded).State.ShouldBe(EntityState.Modified); // untouched, for SaveChanges to write
            await db.SaveInsertsAsync();
            return 0;
        });
        var (title, version, clocks) = await app.WithCasesAsync(async db => (
            await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Title).SingleAsync(),
            await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Version).SingleAsync(),
            await db.Clocks.CountAsync(x => x.CaseId == c.Id)));
        title.ShouldBe("changed");
        version.ShouldBe(c.Version + 1);
        clocks.ShouldBe(1);
    }
}

internal static class TestObjectExtensions
{
    public static T With<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
