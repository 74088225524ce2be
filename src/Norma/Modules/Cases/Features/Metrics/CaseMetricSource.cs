using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Evaluation.Contracts;
using Norma.Rules.Cases;

namespace Norma.Modules.Cases.Features.Metrics;

/// <summary>
/// The case figures of quality evaluation (docs/cases.md, "Figures for quality evaluation"): received, handled,
/// completion, on-time per commitment metric, reopen and breaches, per staff member or unit over <c>[from, to)</c>.
/// Each key is one grouped query per subject kind (GROUP BY the subject column), and keys built from the same rows share
/// it within the scope; up to <see cref="FilterLimit"/> ids are sent as an IN list, a larger run reads the whole period
/// once and keeps its subjects' groups.
/// </summary>
internal sealed class CaseMetricSource(CasesDbContext db, TimeProvider clock) : IEvaluationMetricSource
{
    /// <summary>Up to this many subject ids are filtered in SQL; beyond it one scan of the period beats several IN-list queries.</summary>
    public const int FilterLimit = 1000;

    public const string Received = "cases.received";
    public const string Handled = "cases.handled";
    public const string Completion = "cases.completion";
    public const string OnTime = "cases.on-time";
    public const string Reopen = "cases.reopen";
    public const string Breached = "cases.breached";

    /// <summary>The per-metric on-time keys: cases.on-time.{kebab-case metric}.</summary>
    private static readonly Dictionary<string, ClockMetric> OnTimeByMetric = new()
    {
        [OnTime + ".first-response"] = ClockMetric.FirstResponse,
        [OnTime + ".arrival"] = ClockMetric.Arrival,
        [OnTime + ".reply"] = ClockMetric.Reply,
        [OnTime + ".resolution"] = ClockMetric.Resolution,
    };

    private static readonly MetricFigureInfo Count = new("count", "数量", "count");
    private static readonly MetricFigureInfo[] OnTimeFigures =
    [
        new("met", "按时兑现数", "met on time"),
        new("due", "应兑现数", "due"),
        new("breached", "超时数", "breached"),
    ];

    private static readonly IReadOnlyList<MetricSourceInfo> Infos =
    [
        new(Received, "受理量", "cases received", [Count]),
        new(Handled, "办结量", "cases closed", [Count]),
        new(Completion, "办结率", "completion", [new("completed", "已办结数", "closed by the period end"), new("received", "受理数", "received")]),
        new(OnTime, "承诺兑现率(全部承诺)", "on-time rate, all commitments", OnTimeFigures),
        new(OnTime + ".first-response", "首次响应及时率", "first response on time", OnTimeFigures),
        new(OnTime + ".arrival", "到场及时率", "arrival on time", OnTimeFigures),
        new(OnTime + ".reply", "答复及时率", "reply on time", OnTimeFigures),
        new(OnTime + ".resolution", "办结及时率", "resolution on time", OnTimeFigures),
        new(Reopen, "重开率", "reopen rate", [new("reopened", "重开数", "reopened"), new("closed", "办结数", "closed")]),
        new(Breached, "超时承诺数", "commitments breached", [Count]),
    ];

    public IReadOnlyList<MetricSourceInfo> Sources => Infos;

    public async Task<IReadOnlyDictionary<MetricSubject, IReadOnlyDictionary<string, decimal>>> ReadAsync(
        string sourceKey, DateTime fromUtc, DateTime toUtc, IReadOnlyCollection<MetricSubject> subjects, CancellationToken ct)
    {
        var info = Infos.FirstOrDefault(i => i.Key == sourceKey)
            ?? throw new ArgumentException($"Unknown case metric source '{sourceKey}'.", nameof(sourceKey));
        var from = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
        var result = new Dictionary<MetricSubject, IReadOnlyDictionary<string, decimal>>();
        foreach (var kind in subjects.Select(s => s.Kind).Distinct())
        {
            var ids = subjects.Where(s => s.Kind == kind).Select(s => s.Id).Distinct().ToList();
            var filter = ids.Count <= FilterLimit ? ids : null;
            var rows = await QueryAsync(sourceKey, kind == MetricSubjectKind.Unit, from, to, filter, ct);
            var byId = rows.ToDictionary(r => r.Subject);
            foreach (var id in ids)
            {
                var row = byId.GetValueOrDefault(id);
                result[new MetricSubject(kind, id)] = Figures(info, row);
            }
        }

        return result;
    }

    /// <summary>A row's counts in the key's figure order (A, B, C); zeros for a subject without a row.</summary>
    private static Dictionary<string, decimal> Figures(MetricSourceInfo info, MetricRow? row)
    {
        var values = new[] { row?.A ?? 0, row?.B ?? 0, row?.C ?? 0 };
        var figures = new Dictionary<string, decimal>(info.Figures.Count);
        for (var i = 0; i < info.Figures.Count; i++)
        {
            figures[info.Figures[i].Name] = values[i];
        }

        return figures;
    }

    /// <summary>
    /// The keys come from three queries — intake (received, completion), closing (handled, reopen) and clocks (every
    /// on-time key and breached, grouped by subject and metric) — each run once per subject kind, period and subject
    /// list in this scope (an evaluation run's), then shared by the keys it serves.
    /// </summary>
    private async Task<List<MetricRow>> QueryAsync(string key, bool units, DateTime from, DateTime to, List<Guid>? ids, CancellationToken ct)
    {
        switch (key)
        {
            case Received:
                return await MemoAsync("intake", units, from, to, ids, () => ReceivedAsync(units, from, to, ids, ct));
            case Completion:
                return (await MemoAsync("intake", units, from, to, ids, () => ReceivedAsync(units, from, to, ids, ct)))
                    .Select(r => r with { A = r.B, B = r.A }).ToList();
            case Handled:
                return (await MemoAsync("closing", units, from, to, ids, () => HandledAsync(units, from, to, ids, ct)))
                    .Select(r => new MetricRow(r.Subject, r.B, 0, 0)).ToList();
            case Reopen:
                return await MemoAsync("closing", units, from, to, ids, () => HandledAsync(units, from, to, ids, ct));
        }

        var clocks = await MemoAsync("clocks", units, from, to, ids, () => ClocksAsync(units, from, to, ids, ct));
        if (key == Breached)
        {
            return clocks.GroupBy(r => r.Subject).Select(g => new MetricRow(g.Key, g.Sum(r => r.C), 0, 0)).ToList();
        }

        var metric = key == OnTime ? (int?)null : (int)OnTimeByMetric[key];
        return clocks.Where(r => metric is null || r.Metric == metric).GroupBy(r => r.Subject)
            .Select(g => new MetricRow(g.Key, g.Sum(r => r.A), g.Sum(r => r.A + r.C), g.Sum(r => r.C))).ToList();
    }

    private readonly List<(string Family, bool Units, DateTime From, DateTime To, List<Guid>? Ids, List<MetricRow> Rows)> memo = [];

    private async Task<List<MetricRow>> MemoAsync(string family, bool units, DateTime from, DateTime to, List<Guid>? ids, Func<Task<List<MetricRow>>> query)
    {
        foreach (var m in memo)
        {
            if (m.Family == family && m.Units == units && m.From == from && m.To == to
                && (m.Ids is null ? ids is null : ids is not null && m.Ids.SequenceEqual(ids)))
            {
                return m.Rows;
            }
        }

        var rows = await query();
        memo.Add((family, units, from, to, ids, rows));
        return rows;
    }

    /// <summary>
    /// Cases created in the period, neither cancelled nor merged, by intake person (CreatedById) or unit: A = all of them
    /// (received), B = those closed before the period end (completed).
    /// </summary>
    private async Task<List<MetricRow>> ReceivedAsync(bool units, DateTime from, DateTime to, List<Guid>? ids, CancellationToken ct)
    {
        var cases = db.Cases.AsNoTracking()
            .Where(c => c.CreatedAt >= from && c.CreatedAt < to && c.Status != CaseStatus.Cancelled && c.Status != CaseStatus.Merged);
        var rows = units
            ? cases.Select(c => new { Subject = c.UnitId, c.Status, c.ClosedAt })
            : cases.Select(c => new { Subject = c.CreatedById, c.Status, c.ClosedAt });
        if (ids is not null)
        {
            rows = rows.Where(r => ids.Contains(r.Subject));
        }

        var counts = await rows.GroupBy(r => r.Subject)
            .Select(g => new { g.Key, Received = g.Count(), Completed = g.Count(r => r.Status == CaseStatus.Closed && r.ClosedAt < to) })
            .ToListAsync(ct);
        return counts.Select(c => new MetricRow(c.Key, c.Received, c.Completed, 0)).ToList();
    }

    /// <summary>
    /// Cases whose (last) close fell in the period, by responsible person (assignee, else owner) or unit: A = how many of
    /// them had been reopened, B = all of them.
    /// </summary>
    private async Task<List<MetricRow>> HandledAsync(bool units, DateTime from, DateTime to, List<Guid>? ids, CancellationToken ct)
    {
        var cases = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Closed && c.ClosedAt >= from && c.ClosedAt < to);
        var subjects = units
            ? cases.Select(c => new { Subject = c.UnitId, c.Id })
            : cases.Select(c => new { Subject = c.AssigneeId ?? c.OwnerId, c.Id });
        if (ids is not null)
        {
            subjects = subjects.Where(r => ids.Contains(r.Subject));
        }

        // The reopened cases as a left-joined set (a hash of the few reopened ids), not an EXISTS per case: one scan of
        // the period's closed cases for both figures.
        var reopenedIds = db.Events.Where(e => e.Type == CaseEvents.Reopened).Select(e => (Guid?)e.CaseId).Distinct();
        var rows = await (
                from r in subjects
                join x in reopenedIds on (Guid?)r.Id equals x into xs
                from x in xs.DefaultIfEmpty()
                select new { r.Subject, Reopened = x != null })
            .GroupBy(r => r.Subject)
            .Select(g => new { g.Key, Reopened = g.Count(r => r.Reopened), Closed = g.Count() })
            .ToListAsync(ct);
        return rows.Select(c => new MetricRow(c.Key, c.Reopened, c.Closed, 0)).ToList();
    }

    /// <summary>
    /// Active clocks decided in the period, by the case's responsible person (assignee, else owner) or unit, per metric.
    /// A clock is decided once: met on time at its met instant, breached at its due instant (once that has passed).
    /// A = met on time, C = breached.
    /// </summary>
    private async Task<List<MetricRow>> ClocksAsync(bool units, DateTime from, DateTime to, List<Guid>? ids, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var end = now < to ? now : to;
        var decided = db.Clocks.AsNoTracking().Where(k => k.IsActive && k.DueAt != null).Select(k => new
        {
            k.CaseId,
            k.Metric,
            Met = k.MetAt != null && k.MetAt <= k.DueAt && k.MetAt >= from && k.MetAt < to,
            Breached = (k.MetAt == null || k.MetAt > k.DueAt) && k.DueAt >= from && k.DueAt < end,
        }).Where(k => k.Met || k.Breached);

        var joined = units
            ? from k in decided join c in db.Cases on k.CaseId equals c.Id select new { Subject = c.UnitId, k.Metric, k.Met, k.Breached }
            : from k in decided join c in db.Cases on k.CaseId equals c.Id select new { Subject = c.AssigneeId ?? c.OwnerId, k.Metric, k.Met, k.Breached };
        if (ids is not null)
        {
            joined = joined.Where(r => ids.Contains(r.Subject));
        }

        var rows = await joined.GroupBy(r => new { r.Subject, r.Metric })
            .Select(g => new { g.Key.Subject, g.Key.Metric, Met = g.Count(r => r.Met), Breached = g.Count(r => r.Breached) })
            .ToListAsync(ct);
        return rows.Select(r => new MetricRow(r.Subject, r.Met, 0, r.Breached, (int)r.Metric)).ToList();
    }

    private sealed record MetricRow(Guid Subject, int A, int B, int C, int Metric = 0);
}
