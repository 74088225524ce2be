using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Norma.Rules.Evaluation;
using Norma.Shared;

namespace Norma.Modules.Evaluation.Features.Exports;

/// <summary>
/// The seed's three tables (YCYC-DC-04 附件一至三) built from one computed result: 服务质量明细测评表 (per staff ×
/// indicator, with the explanation of every point), 服务质量测评汇总表 (per position with section subtotals, per unit
/// with the pass-line consequence, per overseer) and 客户投诉测评表 (the complaint indicators). Headers are Chinese in
/// every UI language, like the paper forms; every text cell that came from people goes through
/// <see cref="ExcelCells.Safe"/>. Pure: the same result gives the same rows.
/// </summary>
public static class EvaluationWorkbook
{
    private const string No = "序号", Unit = "单位", Name = "姓名", Post = "岗位", Total = "总分";

    public static string Title(EvaluationScheme scheme, EvaluationPeriod period) => $"{scheme.Name}({period.Label})";

    /// <summary>附件一 服务质量明细测评表: one row per staff member and indicator, in rank order, then the scheme's order.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> DetailRows(EvaluationResult result)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var s in result.Subjects)
        {
            foreach (var section in s.Sections)
            {
                foreach (var i in section.Indicators)
                {
                    rows.Add(new Dictionary<string, object?>
                    {
                        [No] = rows.Count + 1,
                        [Unit] = ExcelCells.Safe(s.UnitName ?? s.UnitKey),
                        [Name] = ExcelCells.Safe(s.Name),
                        [Post] = ExcelCells.Safe(s.PositionName),
                        ["测评部分"] = ExcelCells.Safe(section.Name),
                        ["测评指标"] = ExcelCells.Safe(i.Name),
                        ["依据条款"] = ExcelCells.Safe(i.Clause),
                        ["满分"] = i.Kind == RuleKind.Bonus ? null : i.Max,
                        ["得分"] = i.Score,
                        ["扣分"] = i.Deduction,
                        ["计分"] = Status(i),
                        ["计分说明"] = ExcelCells.Safe(ExplanationText.Chinese(i)),
                        ["佐证"] = ExcelCells.Safe(i.Evidence),
                    });
                }
            }
        }

        return rows;
    }

    /// <summary>附件二 服务质量测评汇总表, per position: each staff member's section subtotals, total, grade and rank.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> SummaryRows(EvaluationScheme scheme, EvaluationResult result, string positionKey)
    {
        var position = scheme.Positions.First(p => p.Key == positionKey);
        var rows = new List<Dictionary<string, object?>>();
        foreach (var s in result.Subjects.Where(x => x.Position == positionKey))
        {
            var row = new Dictionary<string, object?>
            {
                ["岗位排名"] = s.PositionRank,
                [Name] = ExcelCells.Safe(s.Name),
                [Unit] = ExcelCells.Safe(s.UnitName ?? s.UnitKey),
            };
            foreach (var section in position.Sections)
            {
                var got = s.Sections.FirstOrDefault(x => x.Key == section.Key);
                row[$"{section.Name}({ScoreRounding.Format(SectionMax(section))})"] = got is null ? null : got.Score + got.Bonus;
            }

            row["合计"] = s.RawScore;
            row["计分满分"] = s.ApplicableMax;
            row[Total] = s.Total;
            row["等级"] = s.Grade;
            row["低于达标线"] = s.BelowLine == 0 ? null : s.BelowLine;
            row["考核扣分"] = s.BelowLineDeduction == 0 ? null : s.BelowLineDeduction;
            row["总排名"] = s.Rank;
            row["说明"] = ExcelCells.Safe(ExplanationText.Chinese(s));
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>附件二 the units: average of their staff's totals (第十八条) and the pass-line consequence (第十九条).</summary>
    public static IReadOnlyList<Dictionary<string, object?>> UnitRows(EvaluationScheme scheme, EvaluationResult result) =>
        result.Units.Select(u => new Dictionary<string, object?>
        {
            ["排名"] = u.Rank,
            [Unit] = ExcelCells.Safe(u.Name ?? u.Key),
            ["参评人数"] = u.Members,
            ["平均分"] = u.Average,
            ["等级"] = u.Grade,
            ["达标线"] = scheme.PassLine?.Score,
            ["低于达标线"] = u.BelowLine == 0 ? null : u.BelowLine,
            [$"{scheme.PassLine?.HeadTitle ?? "负责人"}扣分"] = u.HeadDeduction == 0 ? null : u.HeadDeduction,
            ["说明"] = ExcelCells.Safe(ExplanationText.Chinese(u, scheme.PassLine)),
        }).ToList();

    /// <summary>分管领导: the mean of the units they oversee.</summary>
    public static IReadOnlyList<Dictionary<string, object?>> OverseerRows(EvaluationResult result) =>
        result.Overseers.Select(o => new Dictionary<string, object?>
        {
            ["排名"] = o.Rank,
            ["分管领导"] = ExcelCells.Safe(o.Name ?? o.Key),
            ["分管单位"] = ExcelCells.Safe(string.Join("、", o.Units.Select(k => result.Units.FirstOrDefault(u => u.Key == k)?.Name ?? k))),
            ["平均分"] = o.Average,
        }).ToList();

    /// <summary>
    /// 附件三 客户投诉测评表: per staff member, every indicator fed by complaints (its source starts with "complaints"):
    /// the number of justified complaints, the points they cost, the score.
    /// </summary>
    public static IReadOnlyList<Dictionary<string, object?>> ComplaintRows(EvaluationResult result)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var s in result.Subjects)
        {
            foreach (var i in s.Sections.SelectMany(x => x.Indicators).Where(IsComplaint))
            {
                rows.Add(new Dictionary<string, object?>
                {
                    [No] = rows.Count + 1,
                    [Unit] = ExcelCells.Safe(s.UnitName ?? s.UnitKey),
                    [Name] = ExcelCells.Safe(s.Name),
                    [Post] = ExcelCells.Safe(s.PositionName),
                    ["测评指标"] = ExcelCells.Safe(i.Name),
                    ["有理投诉(起)"] = i.Explanation is CountExplanation c ? c.Count : null,
                    ["满分"] = i.Max,
                    ["扣分"] = i.Deduction,
                    ["得分"] = i.Score,
                    ["计分说明"] = ExcelCells.Safe(ExplanationText.Chinese(i)),
                });
            }
        }

        return rows;
    }

    public static bool IsComplaint(IndicatorResult i) => i.Source == "complaints" || i.Source.StartsWith("complaints.", StringComparison.Ordinal);

    /// <summary>The workbook of all three tables: one sheet for the detail, one per position and one per unit list for the summary, one for complaints.</summary>
    public static async Task<ExcelDownload> BuildAsync(EvaluationScheme scheme, EvaluationPeriod period, EvaluationResult result, bool published, CancellationToken ct = default)
    {
        var sheets = new Dictionary<string, object>
        {
            ["明细测评表"] = ExcelCells.RowsOrHeader(DetailRows(result), No, Unit, Name, Post, "测评部分", "测评指标", "依据条款", "满分", "得分", "扣分", "计分", "计分说明", "佐证"),
        };
        foreach (var position in scheme.Positions)
        {
            sheets[SheetName($"汇总-{position.Name}", sheets)] = ExcelCells.RowsOrHeader(SummaryRows(scheme, result, position.Key), "岗位排名", Name, Unit, Total);
        }

        sheets["汇总-单位"] = ExcelCells.RowsOrHeader(UnitRows(scheme, result), "排名", Unit, "参评人数", "平均分");
        if (result.Overseers.Count > 0)
        {
            sheets["汇总-分管领导"] = OverseerRows(result);
        }

        sheets["客户投诉测评表"] = ExcelCells.RowsOrHeader(ComplaintRows(result), No, Unit, Name, Post, "测评指标", "有理投诉(起)", "满分", "扣分", "得分", "计分说明");
        sheets["说明"] = new[]
        {
            new Dictionary<string, object?> { ["项目"] = "测评方案", ["内容"] = ExcelCells.Safe($"{scheme.Name}({scheme.Code} 第 {scheme.Version} 版)") },
            new Dictionary<string, object?> { ["项目"] = "测评周期", ["内容"] = period.Label },
            new Dictionary<string, object?> { ["项目"] = "状态", ["内容"] = published ? "已通报" : "未通报(内部资料,不得外传)" },
            new Dictionary<string, object?> { ["项目"] = "计分规则", ["内容"] = "分数保留两位小数(四舍五入);各指标“计分说明”列出所用数据与算式" },
        };

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, configuration: new OpenXmlConfiguration { TableStyles = TableStyles.None }, cancellationToken: ct);
        var state = published ? "" : "-未通报";
        return new ExcelDownload(stream.ToArray(), $"服务质量测评-{scheme.Code}-{period.Code}{state}.xlsx");
    }

    private static decimal SectionMax(Section section) => section.Max ?? section.Indicators.Where(i => i.Rule is not BonusRule).Sum(i => i.Max);

    private static string Status(IndicatorResult i) => i.Status switch
    {
        IndicatorStatus.Scored => i.Kind == RuleKind.Bonus ? "加分" : "计分",
        IndicatorStatus.NotApplicable => "不适用",
        IndicatorStatus.NoData => "无数据",
        _ => "数据有误",
    };

    // Excel sheet names: at most 31 characters, unique.
    private static string SheetName(string wanted, Dictionary<string, object> taken)
    {
        var name = wanted.Length > 31 ? wanted[..31] : wanted;
        for (var n = 2; taken.ContainsKey(name); n++)
        {
            name = $"{(wanted.Length > 28 ? wanted[..28] : wanted)}-{n}";
        }

        return name;
    }
}
