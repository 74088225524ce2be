using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Evaluation.Contracts;
using Norma.Rules.Cases;

namespace Norma.Modules.Cases.Features.Metrics;

/// <summary>
/// The case figures of quality evaluation (docs/cases.md, "Figures for quality evaluation"): received, handled,
/// completion, on-time per commitment metric, reopen and breaches, per staff member or unit over <c>[from, to)</c>.
/// Each key is one grouped query per subject kind (GROUP BY the subject column); up to <see cref="FilterLimit"/> ids
/// are sent as an IN list, a larger run reads the whole period once and keeps its subjects' groups.
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

    private async Task<List<MetricRow>> QueryAsync(string key, bool units, DateTime from, DateTime to, List<Guid>? ids, CancellationToken ct) => key switch
    {
        Received => await ReceivedAsync(units, from, to, ids, ct),
        Completion => (await ReceivedAsync(units, from, to, ids, ct)).Select(r => r with { A = r.B, B = r.A }).ToList(),
        Handled => await HandledAsync(units, from, to, ids, reopen: false, ct),
        Reopen => await HandledAsync(units, from, to, ids, reopen: true, ct),
        OnTime => await ClocksAsync(units, from, to, ids, null, ct),
        Breached => await ClocksAsync(units, from, to, ids, null, ct, breachedOnly: true),
        _ => await ClocksAsync(units, from, to, ids, OnTimeByMetric[key], ct),
    };

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

    /// <summary>Cases whose (last) close fell in the period, by responsible person (assignee, else owner) or unit; with how many had been reopened.</summary>
    private async Task<List<MetricRow>> HandledAsync(bool units, DateTime from, DateTime to, List<Guid>? ids, bool reopen, CancellationToken ct)
    {
        var cases = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Closed && c.ClosedAt >= from && c.ClosedAt < to);
        var subjects = units
            ? cases.Select(c => new { Subject = c.UnitId, c.Id })
            : cases.Select(c => new { Subject = c.AssigneeId ?? c.OwnerId, c.Id });
        if (ids is not null)
        {
            subjects = subjects.Where(r => ids.Contains(r.Subject));
        }

        if (!reopen)
        {
            var closed = await subjects.GroupBy(r => r.Subject).Select(g => new { g.Key, Closed = g.Count() }).ToListAsync(ct);
            return closed.Select(c => new MetricRow(c.Key, c.Closed, 0, 0)).ToList();
        }

        var rows = await subjects
            .Select(r => new { r.Subject, Reopened = db.Events.Any(e => e.CaseId == r.Id && e.Type == CaseEvents.Reopened) ? 1 : 0 })
            .GroupBy(r => r.Subject)
            .Select(g => new { g.Key, Reopened = g.Sum(r => r.Reopened), Closed = g.Count() })
            .ToListAsync(ct);
        return rows.Select(c => new MetricRow(c.Key, c.Reopened, c.Closed, 0)).ToList();
    }

    /// <summary>
    /// Active clocks decided in the period, by the case's responsible person (assignee, else owner) or unit. A clock is
    /// decided once: met on time at its met instant, breached at its due instant (once that has passed). A = met on time,
    /// B = due (met + breached), C = breached; for cases.breached A = breached.
    /// </summary>
    private async Task<List<MetricRow>> ClocksAsync(bool units, DateTime from, DateTime to, List<Guid>? ids, ClockMetric? metric, CancellationToken ct, bool breachedOnly = false)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var end = now < to ? now : to;
        var clocks = db.Clocks.AsNoTracking().Where(k => k.IsActive && k.DueAt != null);
        if (metric is { } m)
        {
            clocks = clocks.Where(k => k.Metric == m);
        }

        var decided = clocks.Select(k => new
        {
            k.CaseId,
            Met = k.MetAt != null && k.MetAt <= k.DueAt && k.MetAt >= from && k.MetAt < to,
            Breached = (k.MetAt == null || k.MetAt > k.DueAt) && k.DueAt >= from && k.DueAt < end,
        }).Where(k => k.Met || k.Breached);

        var joined = units
            ? from k in decided join c in db.Cases on k.CaseId equals c.Id select new { Subject = c.UnitId, k.Met, k.Breached }
            : from k in decided join c in db.Cases on k.CaseId equals c.Id select new { Subject = c.AssigneeId ?? c.OwnerId, k.Met, k.Breached };
        if (ids is not null)
        {
            joined = joined.Where(r => ids.Contains(r.Subject));
        }

        var rows = await joined.GroupBy(r => r.Subject)
            .Select(g => new { g.Key, Met = g.Count(r => r.Met), Breached = g.Count(r => r.Breached) })
            .ToListAsync(ct);
        return rows.Select(r => breachedOnly
            ? new MetricRow(r.Key, r.Breached, 0, 0)
            : new MetricRow(r.Key, r.Met, r.Met + r.Breached, r.Breached)).ToList();
    }

    private sealed record MetricRow(Guid Subject, int A, int B, int C);
}
