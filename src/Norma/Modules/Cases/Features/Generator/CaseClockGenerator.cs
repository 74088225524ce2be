using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Rules.Cases;
using Norma.Shared.Persistence;

namespace Norma.Modules.Cases.Features.Generator;

/// <summary>
/// Completes generated cases (GEN-…, which <see cref="CaseGenerator"/> writes without clocks or events) for benchmarks
/// of the case figures: three decided clocks per case — 首次响应 1 h (met at dispatch), 到场 4 h (met 0–5 h after
/// dispatch), 办结 3 d (met at completion) — and the timeline events created / dispatched / closed, plus a reopened
/// event on 3 % of the closed cases. The clocks carry no NextCheckAt, so the timer never picks them up. Only cases
/// without clocks are completed, so running it again after generating more cases adds theirs. Written with
/// <see cref="BulkInsert"/> (no audit).
/// </summary>
public sealed class CaseClockGenerator(CasesDbContext db, TimeProvider clock)
{
    private const int Chunk = 100_000;

    private sealed record Row(Guid Id, CaseStatus Status, DateTime CreatedAt, DateTime? DispatchedAt, DateTime? CompletedAt, DateTime? ClosedAt);

    public async Task<int> RunAsync(TextWriter output, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;
        var random = new Random(11);
        while (true)
        {
            // Pages of the cases that have no clocks yet: each page written shrinks the set.
            var page = await db.Cases.AsNoTracking()
                .Where(c => c.Number.StartsWith(CaseGenerator.NumberPrefix) && !db.Clocks.Any(k => k.CaseId == c.Id))
                .OrderBy(c => c.Id).Take(Chunk)
                .Select(c => new Row(c.Id, c.Status, c.CreatedAt, c.DispatchedAt, c.CompletedAt, c.ClosedAt))
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            var clocks = new List<CaseCommitment>(page.Count * 3);
            var events = new List<CaseEvent>(page.Count * 3);
            foreach (var c in page)
            {
                var created = Utc(c.CreatedAt);
                var dispatched = c.DispatchedAt is { } d ? Utc(d) : (DateTime?)null;
                var completed = c.CompletedAt is { } x ? Utc(x) : (DateTime?)null;
                clocks.Add(Clock(c.Id, "首次响应", ClockMetric.FirstResponse, "1h", created, created.AddHours(1), dispatched, now));
                clocks.Add(Clock(c.Id, "到场", ClockMetric.Arrival, "4h", created, created.AddHours(4), dispatched?.AddMinutes(random.Next(0, 300)) is { } a && a <= now ? a : null, now));
                clocks.Add(Clock(c.Id, "办结", ClockMetric.Resolution, "3d", created, created.AddDays(3), completed, now));
                events.Add(Event(c.Id, created, CaseEvents.Created));
                if (dispatched is { } dispatchedAt)
                {
                    events.Add(Event(c.Id, dispatchedAt, CaseEvents.Dispatched));
                }

                if (c.Status == CaseStatus.Closed && c.ClosedAt is { } closed)
                {
                    events.Add(Event(c.Id, Utc(closed), CaseEvents.Closed));
                    if (random.Next(100) < 3)
                    {
                        events.Add(Event(c.Id, Utc(closed).AddSeconds(-1), CaseEvents.Reopened));
                    }
                }
            }

            await BulkInsert.RunAsync(db, clocks, ct);
            await BulkInsert.RunAsync(db, events, ct);
            done += page.Count;
            await output.WriteLineAsync($"  clocks and events for {done:N0} cases, {watch.Elapsed.TotalSeconds:F1} s");
        }

        if (done > 0 && db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE case_clocks; ANALYZE case_events", ct);
        }

        return done;
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static CaseCommitment Clock(Guid caseId, string name, ClockMetric metric, string limit, DateTime started, DateTime due, DateTime? met, DateTime now)
    {
        var state = met is { } m ? m <= due ? ClockState.Met : ClockState.MetLate : due <= now ? ClockState.Breached : ClockState.Running;
        return new CaseCommitment
        {
            Id = Guid.CreateVersion7(), CaseId = caseId, CommitmentId = Guid.Empty, Name = name, Metric = metric, Limit = limit, WarnAtPercent = 80,
            CalendarId = Guid.Empty, CalendarVersion = 1, StartedAt = started, DueAt = due, WarnAt = started + ((due - started) * 0.8), MetAt = met, State = state,
            BreachedAt = state is ClockState.Breached or ClockState.MetLate ? due : null, NextCheckAt = null, IsActive = true, Version = 1,
        };
    }

    private static CaseEvent Event(Guid caseId, DateTime at, string type) =>
        new() { Id = Guid.CreateVersion7(), CaseId = caseId, At = at, ActorName = "生成", Type = type };
}
