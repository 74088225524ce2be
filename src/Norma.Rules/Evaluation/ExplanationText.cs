using System.Text;

namespace Norma.Rules.Evaluation;

/// <summary>
/// One-line texts with the numbers used, for the 明细测评表 and the result page, in Chinese and English, e.g.
/// "送货及时率 97.0 %,目标 100 %,差 3.0 个百分点 × 2 分 = 扣 6 分,得 34 分". Percentages are shown with at least one
/// decimal, scores without trailing zeros, both rounded as <see cref="ScoreRounding"/> says.
/// </summary>
public static class ExplanationText
{
    private const int HouseholdsShown = 10;

    public static string Chinese(IndicatorResult result)
    {
        var e = result.Explanation;
        var name = result.Name;
        if (e.Status is IndicatorStatus.NoData or IndicatorStatus.Invalid)
        {
            var what = e.Status == IndicatorStatus.NoData ? "无数据" : "数据有误";
            var counted = e.MissingAs == MissingDataPolicy.NotApplicable ? "不计入总分(总分按其余指标折算)" : $"按 0 分计(满分 {P(result.Max)} 分)";
            return $"{name} {what}:{e.Problem},{counted}";
        }

        if (e.ZeroDenominator)
        {
            return e.Status == IndicatorStatus.NotApplicable
                ? $"{name} 分母为 0,不适用,不计入总分(总分按其余指标折算)"
                : $"{name} 分母为 0,按{(result.Score == result.Max ? "满分" : " 0 分")}计,得 {P(result.Score)} 分";
        }

        return e.Kind switch
        {
            RuleKind.Rate => $"{name} {Pct(e.Value)} %{Fraction(e)},{(e.Direction == RateDirection.AtMost ? "上限" : "目标")} {Fig(e.Target)} %,{SteppedZh(e, result, "个百分点")}",
            RuleKind.Band => BandZh(result),
            RuleKind.Deduction => DeductionZh(result),
            RuleKind.PerEvent => e.Count == 0
                ? $"{name} 未发生,得 {P(result.Score)} 分"
                : $"{name} 发生 {Fig(e.Count)} 起 × {P(e.Points)} 分 = 扣 {P(e.Uncapped)} 分{CapZh(e, result)},得 {P(result.Score)} 分",
            RuleKind.Fixed => e.Count == 0
                ? $"{name} 未发生,得 {P(result.Score)} 分"
                : e.Mode == FixedMode.AllOrNothing
                    ? $"{name} 发生 {Fig(e.Count)} 起,不得分,得 0 分"
                    : $"{name} 发生 {Fig(e.Count)} 起,扣 {P(e.Uncapped)} 分{CapZh(e, result)},得 {P(result.Score)} 分",
            RuleKind.Manual => $"{name} 评分 {P(result.Score)} 分(满分 {P(result.Max)} 分){(string.IsNullOrWhiteSpace(e.Note) ? "" : ",依据:" + e.Note)}",
            RuleKind.Bonus => $"{name} {Fig(e.Count)} × {P(e.Points)} 分 = {P(e.Uncapped)} 分{(e.Capped ? $",以 {P(result.Max)} 分为限" : "")},加 {P(result.Score)} 分",
            _ => $"{name} 得 {P(result.Score)} 分",
        };
    }

    public static string English(IndicatorResult result)
    {
        var e = result.Explanation;
        var name = result.Name;
        if (e.Status is IndicatorStatus.NoData or IndicatorStatus.Invalid)
        {
            var what = e.Status == IndicatorStatus.NoData ? "no data" : "invalid data";
            var counted = e.MissingAs == MissingDataPolicy.NotApplicable ? "left out of the total (rescaled)" : $"counted as 0 of {P(result.Max)}";
            return $"{name}: {what} ({e.Problem}), {counted}";
        }

        if (e.ZeroDenominator)
        {
            return e.Status == IndicatorStatus.NotApplicable
                ? $"{name}: zero denominator, not applicable, left out of the total (rescaled)"
                : $"{name}: zero denominator, counted as {(result.Score == result.Max ? "full marks" : "0")}, score {P(result.Score)}";
        }

        return e.Kind switch
        {
            RuleKind.Rate => $"{name}: {Pct(e.Value)} %{FractionEn(e)}, {(e.Direction == RateDirection.AtMost ? "limit" : "target")} {Fig(e.Target)} %, {SteppedEn(e, result, "percentage points")}",
            RuleKind.Band => BandEn(result),
            RuleKind.Deduction => DeductionEn(result),
            RuleKind.PerEvent => e.Count == 0
                ? $"{name}: no events, score {P(result.Score)}"
                : $"{name}: {Fig(e.Count)} events × {P(e.Points)} = {P(e.Uncapped)} deducted{CapEn(e, result)}, score {P(result.Score)}",
            RuleKind.Fixed => e.Count == 0
                ? $"{name}: none, score {P(result.Score)}"
                : e.Mode == FixedMode.AllOrNothing
                    ? $"{name}: {Fig(e.Count)} occurred, all or nothing, score 0"
                    : $"{name}: {Fig(e.Count)} occurred, fixed penalty {P(e.Uncapped)}{CapEn(e, result)}, score {P(result.Score)}",
            RuleKind.Manual => $"{name}: evaluator's score {P(result.Score)} of {P(result.Max)}{(string.IsNullOrWhiteSpace(e.Note) ? "" : ", evidence: " + e.Note)}",
            RuleKind.Bonus => $"{name}: {Fig(e.Count)} × {P(e.Points)} = {P(e.Uncapped)}{(e.Capped ? $", capped at {P(result.Max)}" : "")}, bonus {P(result.Score)}",
            _ => $"{name}: score {P(result.Score)}",
        };
    }

    /// <summary>How the total was formed: "各部分合计 102 分(满分 120 分),折算 102 × 100 / 120 = 85 分".</summary>
    public static string Chinese(SubjectResult result)
    {
        var text = new StringBuilder($"{result.Name} 各部分合计 {P(result.RawScore)} 分(满分 {P(result.ApplicableMax)} 分)");
        var scaled = result.Factor != 1 && result.ApplicableMax > 0;
        if (scaled)
        {
            text.Append($",折算 {P(result.RawScore)} × {P(result.Factor * result.ApplicableMax)} / {P(result.ApplicableMax)}");
        }

        if (result.Bonus != 0)
        {
            text.Append($",加分 {P(result.Bonus)}");
        }

        text.Append(scaled || result.Bonus != 0 ? $" = 总分 {P(result.Total)} 分" : $",总分 {P(result.Total)} 分");
        if (result.Grade is not null)
        {
            text.Append($",{result.Grade}");
        }

        if (result.BelowLine > 0)
        {
            text.Append($",低于达标线 {P(result.BelowLine)} 分");
            if (result.BelowLineDeduction > 0)
            {
                text.Append($",扣考核成绩 {P(result.BelowLineDeduction)} 分");
            }
        }

        return text.ToString();
    }

    /// <summary>A unit's average and pass-line consequence: "平均 82.5 分,低于 85 分 2.5 分,部(所)长扣考核成绩 2.5 分".</summary>
    public static string Chinese(UnitResult unit, PassLine? line)
    {
        var text = $"{unit.Name ?? unit.Key} {unit.Members} 人平均 {P(unit.Average)} 分{(unit.Grade is null ? "" : "," + unit.Grade)}";
        if (line is null)
        {
            return text;
        }

        if (unit.BelowLine <= 0)
        {
            return $"{text},{line.Label}";
        }

        text += $",低于 {P(line.Score)} 分 {P(unit.BelowLine)} 分";
        return unit.HeadDeduction > 0 ? $"{text},{line.HeadTitle}扣考核成绩 {P(unit.HeadDeduction)} 分" : text;
    }

    private static string SteppedZh(ScoreExplanation e, IndicatorResult r, string unit)
    {
        if (e.Gap is not > 0)
        {
            return $"{(e.Kind == RuleKind.Band ? "在区间内" : "达标")},得 {P(r.Score)} 分";
        }

        var word = e.Direction == RateDirection.AtMost ? "超" : "差";
        var gap = unit.Length > 0 ? $"{word} {Pct(e.Gap)} {unit}" : $"{word} {Fig(e.Gap)}";
        var charge = (e.Step, e.Shortfall) switch
        {
            (1m, ShortfallPolicy.Proportional) => $" × {P(e.Points)} 分",
            (1m, ShortfallPolicy.StartedPoint) => $",不足 1 个按 1 个计,计 {Fig(e.Steps)} × {P(e.Points)} 分",
            (1m, _) => $",按整数计 {Fig(e.Steps)} × {P(e.Points)} 分",
            _ => $",每 {Fig(e.Step)}{(unit.Length > 0 ? " " + unit : "")}扣 {P(e.Points)} 分,计 {Fig(e.Steps)} 档{(e.Shortfall == ShortfallPolicy.StartedPoint ? "(不足一档按一档计)" : e.Shortfall == ShortfallPolicy.WholePoint ? "(不足一档不计)" : "")} × {P(e.Points)} 分",
        };
        return $"{gap}{charge} = 扣 {P(e.Uncapped)} 分{CapZh(e, r)},得 {P(r.Score)} 分";
    }

    private static string SteppedEn(ScoreExplanation e, IndicatorResult r, string unit)
    {
        if (e.Gap is not > 0)
        {
            return $"{(e.Kind == RuleKind.Band ? "within the band" : "met")}, score {P(r.Score)}";
        }

        var gap = $"{Pct(e.Gap)} {unit} {(e.Direction == RateDirection.AtMost ? "over" : "short")}";
        var charge = (e.Step, e.Shortfall) switch
        {
            (1m, ShortfallPolicy.Proportional) => $" × {P(e.Points)}",
            (1m, ShortfallPolicy.StartedPoint) => $", a started point counts, {Fig(e.Steps)} × {P(e.Points)}",
            (1m, _) => $", whole points only, {Fig(e.Steps)} × {P(e.Points)}",
            _ => $", {P(e.Points)} per {Fig(e.Step)} {unit}, {Fig(e.Steps)} steps{(e.Shortfall == ShortfallPolicy.StartedPoint ? " (a started step counts)" : e.Shortfall == ShortfallPolicy.WholePoint ? " (whole steps only)" : "")} × {P(e.Points)}",
        };
        return $"{gap}{charge} = {P(e.Uncapped)} deducted{CapEn(e, r)}, score {P(r.Score)}";
    }

    private static string BandZh(IndicatorResult r)
    {
        var e = r.Explanation;
        var percent = e.Reference is not null;
        string B(decimal v) => percent ? $"{Fig(v)} %" : Fig(v);
        var bounds = (e.Lower, e.Upper) switch
        {
            ({ } lo, { } hi) => $"应在 {B(lo)}–{B(hi)} 之间",
            ({ } lo, null) => $"应不低于 {B(lo)}",
            (null, { } hi) => $"应不高于 {B(hi)}",
            _ => "",
        };
        var value = e.Reference is { } reference
            ? $"{Fig(e.RawValue)}{Fraction(e)},为参照值 {Fig(reference)} 的 {Pct(e.Value)} %"
            : $"{Fig(e.Value)}{Fraction(e)}";
        return $"{r.Name} {value},{bounds},{SteppedZh(e, r, percent ? "个百分点" : "")}";
    }

    private static string BandEn(IndicatorResult r)
    {
        var e = r.Explanation;
        var bounds = (e.Lower, e.Upper) switch
        {
            ({ } lo, { } hi) => $"band {Fig(lo)}–{Fig(hi)}",
            ({ } lo, null) => $"at least {Fig(lo)}",
            (null, { } hi) => $"at most {Fig(hi)}",
            _ => "",
        };
        return e.Reference is { } reference
            ? $"{r.Name}: {Fig(e.RawValue)}{FractionEn(e)} = {Pct(e.Value)} % of the reference {Fig(reference)}, {bounds} %, {SteppedEn(e, r, "percentage points")}"
            : $"{r.Name}: {Fig(e.Value)}{FractionEn(e)}, {bounds}, {SteppedEn(e, r, "units")}";
    }

    private static string DeductionZh(IndicatorResult r)
    {
        var e = r.Explanation;
        var text = new StringBuilder(r.Name);
        if (e.Households is { } households)
        {
            text.Append($" 抽查 {households.Count} 户");
        }

        if (e.Count == 0)
        {
            text.Append(e.Households is null ? " 无不符项" : ",无不符项");
        }
        else
        {
            text.Append(e.Households is null ? " " : ",共").Append($"不符 {Fig(e.Count)} 项");
            if (e.Items is { Count: > 0 } items)
            {
                text.Append('(').AppendJoin("、", items.Select(i => $"{i.Name} {Fig(i.Count)} 项 × {P(i.Points)} 分")).Append(')');
            }
            else
            {
                text.Append($" × {P(e.Points)} 分");
            }

            if (e.Households is null)
            {
                text.Append($" = 扣 {P(e.Uncapped)} 分{(e.Capped ? ",扣完为止" : "")}");
            }
        }

        if (e.Households is { } hs)
        {
            text.Append(",各户得分 ").AppendJoin("、", hs.Take(HouseholdsShown).Select(h => $"{h.Household} {P(h.Score)}"));
            if (hs.Count > HouseholdsShown)
            {
                text.Append($" 等 {hs.Count} 户");
            }

            text.Append($"{(e.Capped ? "(每户扣完为止)" : "")},平均得 {P(r.Score)} 分");
        }
        else
        {
            text.Append($",得 {P(r.Score)} 分");
        }

        return text.ToString();
    }

    private static string DeductionEn(IndicatorResult r)
    {
        var e = r.Explanation;
        var text = new StringBuilder($"{r.Name}: ");
        if (e.Households is { } households)
        {
            text.Append($"{households.Count} households checked, ");
        }

        if (e.Count == 0)
        {
            text.Append("no nonconformities");
        }
        else
        {
            text.Append($"{Fig(e.Count)} nonconformities");
            if (e.Items is { Count: > 0 } items)
            {
                text.Append(" (").AppendJoin(", ", items.Select(i => $"{i.Name} {Fig(i.Count)} × {P(i.Points)}")).Append(')');
            }
            else
            {
                text.Append($" × {P(e.Points)}");
            }

            if (e.Households is null)
            {
                text.Append($" = {P(e.Uncapped)} deducted{(e.Capped ? ", down to 0 at most" : "")}");
            }
        }

        if (e.Households is { } hs)
        {
            text.Append(", household scores ").AppendJoin(", ", hs.Take(HouseholdsShown).Select(h => $"{h.Household} {P(h.Score)}"));
            if (hs.Count > HouseholdsShown)
            {
                text.Append($" … ({hs.Count} in all)");
            }

            text.Append($", mean {P(r.Score)}");
        }
        else
        {
            text.Append($", score {P(r.Score)}");
        }

        return text.ToString();
    }

    private static string CapZh(ScoreExplanation e, IndicatorResult r) => e.Capped ? $",以满分 {P(r.Max)} 分为限" : "";

    private static string CapEn(ScoreExplanation e, IndicatorResult r) => e.Capped ? $", capped at the maximum {P(r.Max)}" : "";

    private static string Fraction(ScoreExplanation e) =>
        e.Denominator is { } d ? $"({Fig(e.Numerator)}/{Fig(d)})" : "";

    private static string FractionEn(ScoreExplanation e) =>
        e.Denominator is { } d ? $" ({Fig(e.Numerator)}/{Fig(d)})" : "";

    private static string P(decimal? value) => ScoreRounding.Format(value ?? 0);

    private static string Pct(decimal? value) => ScoreRounding.FormatPercent(value ?? 0);

    private static string Fig(decimal? value) => ScoreRounding.FormatFigure(value ?? 0);
}
