using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
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

    /// <summary>A case already in the database, written the ordinary way.</summary>
    private Task<int> SavedAsync(Case c) => app.WithCasesAsync(async db =>
    {
        db.Cases.Add(c);
        return await db.SaveChangesAsync();
    });

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
        await SavedAsync(c);
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

    [Fact]
    public async Task Changes_are_still_found_when_not_every_row_is_new()
    {
        // SaveInsertsAsync skips detecting changes only when every tracked entry is a new plain row: a loaded case changed
        // in place (nothing has scanned the tracker yet) must still be written, and a value set after Add too.
        var (c, _) = Graph(800);
        await SavedAsync(c);
        var (added, _) = Graph(900);
        await app.WithCasesAsync(async db =>
        {
            var loaded = await db.Cases.SingleAsync(x => x.Id == c.Id);
            loaded.Title = "changed in place";
            db.Cases.Add(added);
            added.Title = "set after add";
            return await db.SaveInsertsAsync();
        });
        var (title, version, addedTitle) = await app.WithCasesAsync(async db => (
            await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Title).SingleAsync(),
            await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Version).SingleAsync(),
            await db.Cases.Where(x => x.Id == added.Id).Select(x => x.Title).SingleAsync()));
        title.ShouldBe("changed in place");
        version.ShouldBe(c.Version + 1);
        addedTitle.ShouldBe("set after add");
    }

    [Fact]
    public async Task New_rows_changed_after_Add_are_written_with_their_last_values()
    {
        var (c, clock) = Graph(1000);
        await app.WithCasesAsync(async db =>
        {
            db.Cases.Add(c);
            db.Clocks.Add(clock);
            c.Title = "retitled";
            clock.Name = "renamed";
            return await db.SaveInsertsAsync();
        });
        var (title, name) = await app.WithCasesAsync(async db => (
            await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Title).SingleAsync(),
            await db.Clocks.Where(x => x.Id == clock.Id).Select(x => x.Name).SingleAsync()));
        title.ShouldBe("retitled");
        name.ShouldBe("renamed");
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(x => x.Action == "case.created" && x.EntityId == c.Id.ToString())
            .Select(x => x.Details).SingleAsync());
        audited.ShouldContain("retitled");
    }

    [Fact]
    public async Task The_batch_writes_on_PostgreSQL_and_leaves_SQLite_to_SaveChanges()
    {
        var (c, clock) = Graph(600);
        var written = await app.WithCasesAsync(async db =>
        {
            db.Cases.Add(c);
            db.Clocks.Add(clock);
            var n = await InsertBatch.TryWriteAsync(db, default);
            if (n is null)
            {
                await db.SaveChangesAsync();
            }

            return n;
        });
        written.ShouldBe(NormaFactory.IsPostgres ? 2 : null);
        (await app.WithCasesAsync(db => db.Clocks.CountAsync(x => x.CaseId == c.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Inside_an_open_transaction_the_write_is_left_to_SaveChanges()
    {
        // SaveChanges wraps its write in a savepoint there, so a caller can recover from a failed save; a batch cannot.
        var (c, _) = Graph(700);
        await app.WithCasesAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Cases.Add(c);
            (await InsertBatch.TryWriteAsync(db, default)).ShouldBeNull();
            db.Entry(c).State.ShouldBe(EntityState.Added);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return 0;
        });
        (await app.WithCasesAsync(db => db.Cases.CountAsync(x => x.Id == c.Id))).ShouldBe(1);
    }

    private sealed class Parent
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
    }

    private sealed class Child
    {
        public Guid Id { get; set; }
        public long ParentId { get; set; }
        public Parent? Parent { get; set; }
    }

    /// <summary>A principal whose key the database generates (identity), which none of the app's batches has yet.</summary>
    private sealed class ProbeContext(DbContextOptions<ProbeContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            builder.Entity<Parent>().ToTable("probe_parents");
            builder.Entity<Child>().ToTable("probe_children");
        }
    }

    private ProbeContext Probe()
    {
        var options = new DbContextOptionsBuilder<ProbeContext>();
        if (NormaFactory.IsPostgres)
        {
            options.UseNpgsql(app.ConnectionString);
        }
        else
        {
            options.UseSqlite(app.ConnectionString);
        }

        return new ProbeContext(options.Options);
    }

    [Fact]
    public async Task A_generated_key_is_read_back_and_a_row_referring_to_one_is_left_to_SaveChanges()
    {
        await using (var setup = Probe())
        {
            await setup.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        }

        await using var db = Probe();
        var alone = new Parent { Name = "alone" };
        db.Add(alone);
        (await InsertBatch.TryWriteAsync(db, default)).ShouldBe(NormaFactory.IsPostgres ? 1 : null);
        if (NormaFactory.IsPostgres)
        {
            alone.Id.ShouldBeGreaterThan(0);
            db.Entry(alone).State.ShouldBe(EntityState.Unchanged);
        }

        // The child's foreign key holds the parent's temporary key until SaveChanges writes the parent and fills it in.
        var parent = new Parent { Name = "parent" };
        var child = new Child { Id = Guid.CreateVersion7(), Parent = parent };
        db.Add(child);
        (await InsertBatch.TryWriteAsync(db, default)).ShouldBeNull();
        await db.SaveChangesAsync();
        child.ParentId.ShouldBe(parent.Id);
        parent.Id.ShouldBeGreaterThan(alone.Id > 0 ? alone.Id : 0);
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
