using System.Text.Json;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Runs;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Access;
using Norma.Rules.Evaluation;
using Norma.Shared;
using Norma.Shared.Access;

namespace Norma.Modules.Evaluation.Setup;

/// <summary>
/// The demo's evaluation data, so that a visitor finds results to read: for YCYC-DC-04 the last complete half-year of
/// sampled household visits (标准服务 per item, 业态划分/守法规范 findings, 信息知晓/明码实价/送货及时 counts) and
/// imported figures (毛利率, 存销比, 铺货率, 经营指导面, 有理投诉, 满意度 …) for every 客户经理, 专管员 and 送货员,
/// computed by the 质检员 and published by the 总经理; for DEPT-100 last month's 评议 of the functional departments;
/// for the property 10×10 the last six months of the unit named 商场物业部 (the demo's PROP). Figures are
/// drawn from a fixed seed around a per-person quality level, so results are varied but the same on every machine.
/// </summary>
internal sealed class DemoEvaluationData(EvaluationDbContext db, IOrgDirectory org, RunService runs, TimeProvider clock)
{
    private static readonly string[] Shops =
    [
        "幸福路烟酒店", "光明便利店", "东门副食店", "新华超市", "老街烟杂店", "金桥便利店", "明珠商店", "南湖小卖部", "向阳烟酒行", "兴隆超市",
    ];

    public async Task SeedAsync(IReadOnlyDictionary<string, EvaluationSchemeRecord> schemes, CancellationToken ct)
    {
        var staff = await org.StaffAsync(ct);
        var inspector = Act(staff, "zhijian", Permissions.EvaluationRun, Permissions.EvaluationEnter);
        var executive = Act(staff, "lingdao", Permissions.EvaluationPublish, Permissions.EvaluationRead);
        if (inspector is null || executive is null)
        {
            return;
        }

        var today = OrgTime.Today(clock);
        if (schemes.TryGetValue("YCYC-DC-04", out var ycyc))
        {
            var period = EvaluationPeriod.Containing(PeriodType.HalfYear, today).Previous();
            await StaffSchemeAsync(ycyc, period, staff, inspector.UserName, ct);
            var run = await runs.ComputeAsync(inspector, ycyc.Id, period.Code, null, ct);
            if (run.Run.CanPublish)
            {
                await runs.PublishAsync(executive, run.Run.Id, ct);
            }
        }

        var units = await org.UnitsAsync(ct);
        if (schemes.TryGetValue("DEPT-100", out var dept))
        {
            var month = EvaluationPeriod.Containing(PeriodType.Month, today).Previous();
            var departments = units.Where(u => u.ParentId is not null && u.Name != "商场物业部" && units.Any(p => p.Id == u.ParentId && p.ParentId is null))
                .OrderBy(u => u.Code, StringComparer.Ordinal).ToList();   // by code: unit ids (and paths) differ between machines
            DepartmentScores(dept, month, departments, inspector.UserName);
            await db.SaveChangesAsync(ct);
            var run = await runs.ComputeAsync(inspector, dept.Id, month.Code, null, ct);
            await runs.PublishAsync(executive, run.Run.Id, ct);
        }

        var property = units.Where(u => u.Name == "商场物业部").OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        if (schemes.TryGetValue("PROPERTY-10X10", out var prop) && property.Count > 0)
        {
            var month = EvaluationPeriod.Containing(PeriodType.Month, today);
            for (var i = 0; i < 6; i++)
            {
                month = month.Previous();
                PropertyFindings(prop, month, property, inspector.UserName, i);
                await db.SaveChangesAsync(ct);
                var run = await runs.ComputeAsync(inspector, prop.Id, month.Code, null, ct);
                await runs.PublishAsync(executive, run.Run.Id, ct);
            }
        }
    }

    private static Actor? Act(IReadOnlyList<StaffInfo> staff, string userName, params string[] permissions) =>
        staff.FirstOrDefault(s => s.UserName == userName) is { } s
            ? new Actor(s.Id, s.UserName, s.FullName, s.UnitId, null, permissions.ToDictionary(p => p, _ => DataScope.All))
            : null;

    private async Task StaffSchemeAsync(EvaluationSchemeRecord record, EvaluationPeriod period, IReadOnlyList<StaffInfo> staff, string by, CancellationToken ct)
    {
        var scheme = SchemeJson.Deserialize(record.Definition);
        var holdings = await org.StaffPositionsAsync(ct);
        var rng = new Random(20260630);
        var at = TimeZoneInfo.ConvertTimeToUtc(period.End.AddDays(-10).ToDateTime(new TimeOnly(10, 0)), OrgTime.Zone);
        var batch = Guid.CreateVersion7();
        var n = 0;
        foreach (var position in scheme.Positions)
        {
            var people = holdings.Where(h => h.PositionName == position.Name && staff.Any(s => s.Id == h.StaffId)).Select(h => h.StaffId).Distinct().Order().ToList();
            foreach (var person in people)
            {
                // A quality level per person (0.3 … 0.9): the better, the fewer findings and the better the figures.
                var q = new[] { 0.85, 0.5, 0.3, 0.7 }[n++ % 4];
                foreach (var indicator in position.Sections.SelectMany(s => s.Indicators))
                {
                    if (indicator.Source == "field-check")
                    {
                        Visits(record, period, person, n, indicator, q, rng, at, by);
                    }
                }

                foreach (var (name, value) in Figures(position.Key, q, rng))
                {
                    db.Figures.Add(new ImportedFigure
                    {
                        Id = Guid.CreateVersion7(), SchemeId = record.Id, PeriodCode = period.Code, SubjectKind = FigureSubjectKind.Staff, SubjectId = person,
                        Name = name, Value = value, ImportBatchId = batch, ImportedAt = at, ImportedBy = by,
                    });
                }
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private void Visits(EvaluationSchemeRecord record, EvaluationPeriod period, Guid person, int offset, Indicator indicator, double q, Random rng, DateTime at, string by)
    {
        var households = indicator.Rule is DeductionRule { PerHousehold: true } ? 6 : 4;
        for (var h = 0; h < households; h++)
        {
            var check = new FieldCheck
            {
                Id = Guid.CreateVersion7(), SchemeId = record.Id, PeriodCode = period.Code, SubjectKind = FigureSubjectKind.Staff, SubjectId = person,
                IndicatorKey = indicator.Key, Household = $"H{h + 1} {Shops[(h + 3 * offset) % Shops.Length]}",
                CheckedAt = at.AddDays(-h * 7), CheckedBy = by,
            };
            switch (indicator.Rule)
            {
                case DeductionRule { Items.Count: > 0 } d:
                    check.ItemCountsJson = JsonSerializer.Serialize(d.Items.ToDictionary(i => i.Key, _ => rng.NextDouble() < (1 - q) * 0.3 ? 1m : 0m));
                    break;
                case DeductionRule:
                    check.Count = rng.NextDouble() < (1 - q) * 0.6 ? 1 : 0;
                    break;
                case RateRule { Denominator: { } denominator } r:
                    var observed = 5;
                    var conforming = Enumerable.Range(0, observed).Count(_ => rng.NextDouble() < 0.75 + 0.25 * q);
                    check.ItemCountsJson = JsonSerializer.Serialize(new Dictionary<string, decimal> { [r.Numerator] = conforming, [denominator] = observed });
                    break;
                default:
                    continue;
            }

            db.FieldChecks.Add(check);
        }
    }

    /// <summary>The imported figures of one person by position: plausible values that move with the quality level.</summary>
    private static IEnumerable<(string Name, decimal Value)> Figures(string position, double q, Random rng)
    {
        decimal R(double min, double max, int digits = 1) => Math.Round((decimal)(min + (max - min) * rng.NextDouble()), digits);
        yield return ("complaints", rng.NextDouble() < (1 - q) * 0.9 ? (q < 0.5 ? 2 : 1) : 0);
        switch (position)
        {
            case "manager":
                yield return ("grossMargin", R(8.7 + q, 9.3 + q));
                yield return ("socialStockRatio", 1.2m);
                yield return ("sales", 1000);
                yield return ("stock", Math.Round(1.2m * R(0.74, 1.02, 2) * 1000));
                yield return ("targetCustomers", 200);
                yield return ("listedCustomers", Math.Round(R(120 + 30 * q, 140 + 30 * q, 0)));
                yield return ("customers", 200);
                yield return ("guidedCustomers", Math.Round(R(85 + 20 * q, 100 + 20 * q, 0)));
                yield return ("satisfaction", R(86 + 6 * q, 90 + 6 * q));
                break;
            case "specialist":
                yield return ("purificationRate", R(96.5 + q, 97.5 + 1.5 * q));
                yield return ("satisfaction", R(86 + 6 * q, 90 + 6 * q));
                break;
            case "delivery":
                yield return ("safety", 0);
                yield return ("route-plan", q < 0.5 ? 1 : 0);
                yield return ("deliveredPacks", 48000);
                yield return ("damagedPacks", Math.Round(R(2, 4 + 6 * (1 - q), 0)));
                yield return ("satisfaction", R(91 + 4 * q, 94 + 4 * q));
                break;
        }
    }

    private void DepartmentScores(EvaluationSchemeRecord record, EvaluationPeriod month, IReadOnlyList<UnitInfo> departments, string by)
    {
        var rng = new Random(2026);
        var at = TimeZoneInfo.ConvertTimeToUtc(month.End.AddDays(-2).ToDateTime(new TimeOnly(16, 0)), OrgTime.Zone);
        var notes = new Dictionary<string, string[]>
        {
            ["basic"] = ["制度台账齐全，个别记录签字不全", "基础资料完整规范", "月度例会记录缺两次"],
            ["plan"] = ["月度计划按期完成", "临时重点工作延误两天", "计划完成率 95 %"],
            ["support"] = ["项目配合及时", "对口部门反映响应偏慢", "主动配合项目推进"],
        };
        var i = 0;
        foreach (var unit in departments)
        {
            var q = 0.97 - (i++ % 4) * 0.04;
            foreach (var (key, max) in new[] { ("basic", 40m), ("plan", 40m), ("support", 20m) })
            {
                var score = Math.Round(max * (decimal)(q - 0.06 * rng.NextDouble()), 0);
                db.ManualScores.Add(new ManualScore
                {
                    Id = Guid.CreateVersion7(), SchemeId = record.Id, PeriodCode = month.Code, SubjectKind = FigureSubjectKind.Unit, SubjectId = unit.Id,
                    IndicatorKey = key, Score = score, Note = notes[key][rng.Next(notes[key].Length)], At = at, By = by,
                });
            }
        }
    }

    private void PropertyFindings(EvaluationSchemeRecord record, EvaluationPeriod month, IReadOnlyList<UnitInfo> units, string by, int seed)
    {
        var rng = new Random(100 + seed);
        var scheme = SchemeJson.Deserialize(record.Definition);
        var batch = Guid.CreateVersion7();
        var at = TimeZoneInfo.ConvertTimeToUtc(month.End.AddDays(-1).ToDateTime(new TimeOnly(17, 0)), OrgTime.Zone);
        foreach (var unit in units)
        {
            foreach (var indicator in scheme.Positions[0].Sections.SelectMany(s => s.Indicators))
            {
                // Most items are clean in a month; now and then the 现场管理部 finds one or two nonconformities.
                var found = rng.NextDouble() switch { < 0.55 => 0, < 0.85 => 1, < 0.97 => 2, _ => 3 };
                db.Figures.Add(new ImportedFigure
                {
                    Id = Guid.CreateVersion7(), SchemeId = record.Id, PeriodCode = month.Code, SubjectKind = FigureSubjectKind.Unit, SubjectId = unit.Id,
                    Name = indicator.Key, Value = found, ImportBatchId = batch, ImportedAt = at, ImportedBy = by,
                });
            }
        }
    }
}
