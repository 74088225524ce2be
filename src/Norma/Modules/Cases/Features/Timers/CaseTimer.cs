using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Clocks;
using Norma.Modules.Cases.Features.Escalations;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Cases;
using Npgsql;

namespace Norma.Modules.Cases.Features.Timers;

/// <summary>What one pass of the timer did. Skipped counts rows another worker had, lost races and failures (retried later).</summary>
public sealed record TimerRun(int Warned, int Breached, int Escalated, int StepsDeemed, int Skipped);

/// <summary>
/// One pass of the case timer (docs/case-timers.md): deems the overdue process steps (超时默认), then takes every clock whose
/// <see cref="CaseCommitment.NextCheckAt"/> has come, oldest first, and records what is due — the warning once, the breach
/// once (at the true due instant, so a pass after downtime catches up correctly) and the 督办 levels. Each clock is one
/// transaction that starts by claiming the row with a conditional update; a second worker on the same database gets zero
/// rows and moves on, and the unique (clock, level) index of the escalations is the last guard. Time is an argument.
/// </summary>
public sealed class CaseTimer(
    CasesDbContext db,
    CaseClocks clocks,
    IOrgDirectory org,
    IStringLocalizer<SharedResource> text,
    IEnumerable<IStepDeadlines> stepDeadlines,
    ILogger<CaseTimer> log)
{
    /// <summary>Rows read per query; a pass keeps reading batches until nothing due is left.</summary>
    public const int BatchSize = 200;

    /// <summary>At most this many people are named on one escalation (the columns' length).</summary>
    private const int MaxTargets = 40;

    public async Task<TimerRun> RunOnceAsync(DateTime nowUtc, CancellationToken ct)
    {
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        var run = new Tally();
        await DeemStepsAsync(now, run, ct);
        await ProcessClocksAsync(now, run, ct);
        db.ChangeTracker.Clear();
        return new TimerRun(run.Warned, run.Breached, run.Escalated, run.StepsDeemed, run.Skipped);
    }

    /// <summary>超时默认: every active step past its deadline, oldest first, handed to the process engine (if one is registered).</summary>
    private async Task DeemStepsAsync(DateTime now, Tally run, CancellationToken ct)
    {
        // The last registration wins, as with any service resolved singly.
        var deadlines = stepDeadlines.LastOrDefault();
        if (deadlines is null)
        {
            return;
        }

        var cursor = new Cursor();
        while (true)
        {
            var after = cursor.At;
            var seen = cursor.SeenAtCursor();
            var query = db.Steps.AsNoTracking().Where(s => s.Outcome == null && s.DueAt != null && s.DueAt <= now);
            if (after is { } a)
            {
                query = query.Where(s => s.DueAt > a || (s.DueAt == a && !seen.Contains(s.Id)));
            }

            var batch = await query.OrderBy(s => s.DueAt).ThenBy(s => s.Id).Select(s => new { s.Id, DueAt = s.DueAt!.Value }).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            foreach (var step in batch)
            {
                db.ChangeTracker.Clear();
                try
                {
                    if (await deadlines.DeemStepAsync(step.Id, now, ct))
                    {
                        run.StepsDeemed++;
                    }
                    else
                    {
                        run.Skipped++;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning(ex, "Deeming step {StepId} failed; it is retried at the next tick", step.Id);
                    run.Skipped++;
                }

                cursor.Passed(step.DueAt, step.Id);
            }
        }
    }

    private async Task ProcessClocksAsync(DateTime now, Tally run, CancellationToken ct)
    {
        Directory? directory = null;
        var cursor = new Cursor();
        while (true)
        {
            var after = cursor.At;
            var seen = cursor.SeenAtCursor();
            var query = db.Clocks.AsNoTracking().Where(k => k.NextCheckAt != null && k.NextCheckAt <= now);
            if (after is { } a)
            {
                query = query.Where(k => k.NextCheckAt > a || (k.NextCheckAt == a && !seen.Contains(k.Id)));
            }

            var batch = await query.OrderBy(k => k.NextCheckAt).ThenBy(k => k.Id)
                .Select(k => new { k.Id, k.Version, NextCheckAt = k.NextCheckAt!.Value }).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            // Organization facts once per pass, read before any transaction holds a lock.
            directory ??= new Directory(await org.UnitsAsync(ct), await org.StaffAsync(ct));
            foreach (var due in batch)
            {
                await ProcessClockAsync(due.Id, due.Version, now, directory, run, ct);
                cursor.Passed(due.NextCheckAt, due.Id);
            }
        }
    }

    /// <summary>One clock, one transaction: claim, re-read, record what is due, save — or roll back and leave it for later.</summary>
    private async Task ProcessClockAsync(Guid id, int version, DateTime now, Directory directory, Tally run, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var done = new Tally();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // The claim: exactly one worker turns this version into the next; the others see zero rows.
            var claimed = await db.Clocks.Where(k => k.Id == id && k.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.Version, k => k.Version + 1), ct);
            if (claimed == 0)
            {
                await tx.RollbackAsync(ct);
                run.Skipped++;
                return;
            }

            var clock = await db.Clocks.SingleAsync(k => k.Id == id, ct);
            var c = await db.Cases.SingleAsync(x => x.Id == clock.CaseId, ct);
            if (!clock.IsActive || clock.MetAt is not null || c.Status is CaseStatus.Closed or CaseStatus.Cancelled or CaseStatus.Merged)
            {
                clock.NextCheckAt = null;
                var others = await db.Clocks.Where(k => k.CaseId == c.Id).ToListAsync(ct);
                var (nextDue, flag) = (c.NextDueAt, c.ClockFlag);
                CaseClocks.Summarize(c, others);
                if (c.NextDueAt != nextDue || c.ClockFlag != flag)
                {
                    db.Entry(c).State = EntityState.Modified;
                }

                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return;
            }

            var caseClocks = await db.Clocks.Where(k => k.CaseId == c.Id).ToListAsync(ct);
            var pauses = await db.Pauses.AsNoTracking().Where(p => p.CaseId == c.Id).ToListAsync(ct);
            var reading = await clocks.ReadAsync(clock, pauses, now, ct);
            DateTime? dueAt = reading.Due is { } d && d != DateTimeOffset.MaxValue ? d.UtcDateTime : null;
            DateTime? warnAt = reading.WarnAt is { } w && w != DateTimeOffset.MaxValue ? w.UtcDateTime : null;

            if (clock.WarnedAt is null && warnAt is { } warn && dueAt is { } wd && warn < wd && warn <= now)
            {
                clock.WarnedAt = now;
                AddEvent(c, CaseEvents.ClockWarning, now, new { clock = clock.Name, due = wd });
                done.Warned++;
            }

            if (reading.State == ClockState.Breached && dueAt is { } due)
            {
                if (clock.BreachedAt is null)
                {
                    clock.BreachedAt = due; // the true instant, not this pass's: catch-up after downtime stays exact
                    AddEvent(c, CaseEvents.ClockBreached, now, new { clock = clock.Name, due });
                    done.Breached++;
                }

                if (clock.EscalationLevel < 1)
                {
                    Escalate(c, clock, 1, now, directory);
                    done.Escalated++;
                }

                if (clock.EscalationLevel == 1 && clock.BreachedAt.Value + clocks.SecondEscalationAfter <= now)
                {
                    Escalate(c, clock, 2, now, directory);
                    done.Escalated++;
                }
            }

            CaseClocks.Apply(clock, reading, clocks.SecondEscalationAfter);
            CaseClocks.Summarize(c, caseClocks);
            if (db.Entry(c).State == EntityState.Unchanged)
            {
                db.Entry(c).State = EntityState.Modified; // a change to the case like any other: its version moves
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            run.Add(done);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The case changed since we read it (a user acted on it): nothing of this clock is kept, the next pass retries it.
            await tx.RollbackAsync(CancellationToken.None);
            log.LogInformation("Clock {ClockId}: its case changed meanwhile; retried at the next tick", id);
            run.Skipped++;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // The unique (clock, level) index: another worker already raised this level.
            await tx.RollbackAsync(CancellationToken.None);
            log.LogInformation("Clock {ClockId}: escalation already raised by another worker", id);
            run.Skipped++;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            log.LogWarning(ex, "Clock {ClockId} could not be processed; retried at the next tick", id);
            run.Skipped++;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Raises a 督办 level: the escalation row (unique per clock and level) and its event on the case's timeline.</summary>
    private void Escalate(Case c, CaseCommitment clock, int level, DateTime now, Directory directory)
    {
        var target = EscalationTargets.Resolve(level, c.UnitId, directory.Units, directory.Staff);
        var people = target.People.Take(MaxTargets).ToList();
        var names = people.Select(p => p.FullName).ToList();
        db.Escalations.Add(new CaseEscalation
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            CaseCommitmentId = clock.Id,
            Level = level,
            At = now,
            UnitId = target.UnitId,
            TargetIds = string.Join(',', people.Select(p => p.Id.ToString("D"))),
            TargetNames = Truncate(string.Join('、', names), 1000),
        });
        clock.EscalationLevel = level;
        AddEvent(c, CaseEvents.Escalated, now, new { clock = clock.Name, level, unit = target.UnitName, targets = names });
    }

    /// <summary>
    /// Events of one pass share its instant; their ids increase in the order they are added (a version-7 id is random within
    /// a millisecond), so a timeline ordered by (At, Id) reads warning, breach, level 1, level 2 after a catch-up too.
    /// </summary>
    private void AddEvent(Case c, string type, DateTime now, object data)
    {
        var id = Guid.CreateVersion7();
        var last = db.ChangeTracker.Entries<CaseEvent>().Select(e => e.Entity.Id).DefaultIfEmpty().Max(g => g.ToString("D"));
        while (string.CompareOrdinal(id.ToString("D"), last) <= 0)
        {
            id = Guid.CreateVersion7();
        }

        db.Events.Add(new CaseEvent
        {
            Id = id,
            CaseId = c.Id,
            At = now,
            ActorId = null,
            ActorName = text["Cases.System"],
            Type = type,
            Data = JsonSerializer.Serialize(data, CaseUnitOfWork.Json),
        });
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    internal static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    private sealed record Directory(IReadOnlyList<UnitInfo> Units, IReadOnlyList<StaffInfo> Staff);

    private sealed class Tally
    {
        public int Warned { get; set; }
        public int Breached { get; set; }
        public int Escalated { get; set; }
        public int StepsDeemed { get; set; }
        public int Skipped { get; set; }

        public void Add(Tally other)
        {
            Warned += other.Warned;
            Breached += other.Breached;
            Escalated += other.Escalated;
            StepsDeemed += other.StepsDeemed;
            Skipped += other.Skipped;
        }
    }

    /// <summary>
    /// Keyset position of a pass: rows are read in (instant, id) order and a row is never read twice in one pass, even
    /// when it was skipped and is still due (it waits for the next tick). Only the ids at the last instant are remembered.
    /// </summary>
    private sealed class Cursor
    {
        private readonly HashSet<Guid> atCursor = [];

        public DateTime? At { get; private set; }

        public List<Guid> SeenAtCursor() => [.. atCursor];

        public void Passed(DateTime at, Guid id)
        {
            if (At != at)
            {
                At = at;
                atCursor.Clear();
            }

            atCursor.Add(id);
        }
    }
}
