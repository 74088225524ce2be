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
        var name = result.Name;
        return result.Explanation switch
        {
            UnscoredExplanation u =>
                $"{name} {(result.Status == IndicatorStatus.NoData ? "无数据" : "数据有误")}:{u.Problem},{(u.CountedAs == MissingDataPolicy.NotApplicable ? "不计入总分(总分按其余指标折算)" : $"按 0 分计(满分 {P(result.Max)} 分)")}",
            RateExplanation { ZeroDenominator: true } or BandExplanation { ZeroDenominator: true } => result.Status == IndicatorStatus.NotApplicable
                ? $"{name} 分母为 0,不适用,不计入总分(总分按其余指标折算)"
                : $"{name} 分母为 0,按{(result.Score == result.Max ? "满分" : " 0 分")}计,得 {P(result.Score)} 分",
            RateExplanation r =>
                $"{name} {Pct(r.Value)} %{Fraction(r.Numerator, r.Denominator)},{(r.Direction == RateDirection.AtMost ? "上限" : "目标")} {Fig(r.Target)} %,{ChargeZh(r.Charge, r.Direction, "个百分点", "达标", result)}",
            BandExplanation b => BandZh(b, result),
            DeductionExplanation d => DeductionZh(d, result),
            CountExplanation c => CountZh(c, result),
            ManualExplanation m => $"{name} 评分 {P(result.Score)} 分(满分 {P(result.Max)} 分){(string.IsNullOrWhiteSpace(m.Note) ? "" : ",依据:" + m.Note)}",
            _ => $"{name} 得 {P(result.Score)} 分",
        };
    }

    public static string English(IndicatorResult result)
    {
        var name = result.Name;
        return result.Explanation switch
        {
            UnscoredExplanation u =>
                $"{name}: {(result.Status == IndicatorStatus.NoData ? "no data" : "invalid data")} ({u.Problem}), {(u.CountedAs == MissingDataPolicy.NotApplicable ? "left out of the total (rescaled)" : $"counted as 0 of {P(result.Max)}")}",
            RateExplanation { ZeroDenominator: true } or BandExplanation { ZeroDenominator: true } => result.Status == IndicatorStatus.NotApplicable
                ? $"{name}: zero denominator, not applicable, left out of the total (rescaled)"
                : $"{name}: zero denominator, counted as {(result.Score == result.Max ? "full marks" : "0")}, score {P(result.Score)}",
            RateExplanation r =>
                $"{name}: {Pct(r.Value)} %{FractionEn(r.Numerator, r.Denominator)}, {(r.Direction == RateDirection.AtMost ? "limit" : "target")} {Fig(r.Target)} %, {ChargeEn(r.Charge, r.Direction, "percentage points", "met", result)}",
            BandExplanation b => BandEn(b, result),
            DeductionExplanation d => DeductionEn(d, result),
            CountExplanation c => CountEn(c, result),
            ManualExplanation m => $"{name}: evaluator's score {P(result.Score)} of {P(result.Max)}{(string.IsNullOrWhiteSpace(m.Note) ? "" : ", evidence: " + m.Note)}",
            _ => $"{name}: score {P(result.Score)}",
        };
    }

    /// <summary>How the total was formed: "各部分合计 102 分(满分 120 分),折算 102 × 100 / 120 = 总分 85 分".</summary>
    public static string Chinese(SubjectResult result)
    {
        var text = new StringBuilder($"{result.Name} 各部分合计 {P(result.RawScore)} 分(满分 {P(result.ApplicableMax)} 分)");
        var scaled = result.Basis != result.ApplicableMax && result.ApplicableMax > 0;
        if (scaled)
        {
            text.Append($",折算 {P(result.RawScore)} × {P(result.Basis)} / {P(result.ApplicableMax)}");
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

    private static string ChargeZh(StepCharge c, RateDirection? direction, string unit, string met, IndicatorResult r)
    {
        if (c.Gap <= 0)
        {
            return $"{met},得 {P(r.Score)} 分";
        }

        var word = direction == RateDirection.AtMost ? "超" : "差";
        var gap = unit.Length > 0 ? $"{word} {Pct(c.Gap)} {unit}" : $"{word} {Fig(c.Gap)}";
        var charge = (c.Step, c.Policy) switch
        {
            (1m, ShortfallPolicy.Proportional) => $" × {P(c.Points)} 分",
            (1m, ShortfallPolicy.StartedPoint) => $",不足 1 个按 1 个计,计 {Fig(c.Steps)} × {P(c.Points)} 分",
            (1m, _) => $",按整数计 {Fig(c.Steps)} × {P(c.Points)} 分",
            _ => $",每 {Fig(c.Step)}{(unit.Length > 0 ? " " + unit : "")}扣 {P(c.Points)} 分,计 {Fig(c.Steps)} 档{(c.Policy == ShortfallPolicy.StartedPoint ? "(不足一档按一档计)" : c.Policy == ShortfallPolicy.WholePoint ? "(不足一档不计)" : "")} × {P(c.Points)} 分",
        };
        return $"{gap}{charge} = 扣 {P(c.Deduction)} 分{(c.Capped ? $",以满分 {P(r.Max)} 分为限" : "")},得 {P(r.Score)} 分";
    }

    private static string ChargeEn(StepCharge c, RateDirection? direction, string unit, string met, IndicatorResult r)
    {
        if (c.Gap <= 0)
        {
            return $"{met}, score {P(r.Score)}";
        }

        var gap = $"{Pct(c.Gap)} {unit} {(direction == RateDirection.AtMost ? "over" : "short")}";
        var charge = (c.Step, c.Policy) switch
        {
            (1m, ShortfallPolicy.Proportional) => $" × {P(c.Points)}",
            (1m, ShortfallPolicy.StartedPoint) => $", a started point counts, {Fig(c.Steps)} × {P(c.Points)}",
            (1m, _) => $", whole points only, {Fig(c.Steps)} × {P(c.Points)}",
            _ => $", {P(c.Points)} per {Fig(c.Step)} {unit}, {Fig(c.Steps)} steps{(c.Policy == ShortfallPolicy.StartedPoint ? " (a started step counts)" : c.Policy == ShortfallPolicy.WholePoint ? " (whole steps only)" : "")} × {P(c.Points)}",
        };
        return $"{gap}{charge} = {P(c.Deduction)} deducted{(c.Capped ? $", capped at the maximum {P(r.Max)}" : "")}, score {P(r.Score)}";
    }

    private static string BandZh(BandExplanation b, IndicatorResult r)
    {
        var percent = b.Reference is not null;
        string B(decimal v) => percent ? $"{Fig(v)} %" : Fig(v);
        var bounds = (b.Lower, b.Upper) switch
        {
            ({ } lo, { } hi) => $"应在 {B(lo)}–{B(hi)} 之间",
            ({ } lo, null) => $"应不低于 {B(lo)}",
            (null, { } hi) => $"应不高于 {B(hi)}",
            _ => "",
        };
        var value = b.Reference is { } reference
            ? $"{Fig(b.RawValue)}{Fraction(b.Numerator, b.Denominator)},为参照值 {Fig(reference)} 的 {Pct(b.Value)} %"
            : $"{Fig(b.Value)}{Fraction(b.Numerator, b.Denominator)}";
        return $"{r.Name} {value},{bounds},{ChargeZh(b.Charge, b.Direction, percent ? "个百分点" : "", "在区间内", r)}";
    }

    private static string BandEn(BandExplanation b, IndicatorResult r)
    {
        var bounds = (b.Lower, b.Upper) switch
        {
            ({ } lo, { } hi) => $"band {Fig(lo)}–{Fig(hi)}",
            ({ } lo, null) => $"at least {Fig(lo)}",
            (null, { } hi) => $"at most {Fig(hi)}",
            _ => "",
        };
        return b.Reference is { } reference
            ? $"{r.Name}: {Fig(b.RawValue)}{FractionEn(b.Numerator, b.Denominator)} = {Pct(b.Value)} % of the reference {Fig(reference)}, {bounds} %, {ChargeEn(b.Charge, b.Direction, "percentage points", "within the band", r)}"
            : $"{r.Name}: {Fig(b.Value)}{FractionEn(b.Numerator, b.Denominator)}, {bounds}, {ChargeEn(b.Charge, b.Direction, "units", "within the band", r)}";
    }

    private static string DeductionZh(DeductionExplanation d, IndicatorResult r)
    {
        var text = new StringBuilder(r.Name);
        if (d.Households is { } households)
        {
            text.Append($" 抽查 {households.Count} 户");
        }

        if (d.Count == 0)
        {
            text.Append(d.Households is null ? " 无不符项" : ",无不符项");
        }
        else
        {
            text.Append(d.Households is null ? " " : ",共").Append($"不符 {Fig(d.Count)} 项");
            if (d.Items is { Count: > 0 } items)
            {
                text.Append('(').AppendJoin("、", items.Select(i => $"{i.Name} {Fig(i.Count)} 项 × {P(i.Points)} 分")).Append(')');
            }
            else
            {
                text.Append($" × {P(d.Points)} 分");
            }

            if (d.Households is null)
            {
                text.Append($" = 扣 {P(d.Deduction)} 分{(d.Capped ? ",扣完为止" : "")}");
            }
        }

        if (d.Households is { } hs)
        {
            text.Append(",各户得分 ").AppendJoin("、", hs.Take(HouseholdsShown).Select(h => $"{h.Household} {P(h.Score)}"));
            if (hs.Count > HouseholdsShown)
            {
                text.Append($" 等 {hs.Count} 户");
            }

            text.Append($"{(d.Capped ? "(每户扣完为止)" : "")},平均得 {P(r.Score)} 分");
        }
        else
        {
            text.Append($",得 {P(r.Score)} 分");
        }

        return text.ToString();
    }

    private static string DeductionEn(DeductionExplanation d, IndicatorResult r)
    {
        var text = new StringBuilder($"{r.Name}: ");
        if (d.Households is { } households)
        {
            text.Append($"{households.Count} households checked, ");
        }

        if (d.Count == 0)
        {
            text.Append("no nonconformities");
        }
        else
        {
            text.Append($"{Fig(d.Count)} nonconformities");
            if (d.Items is { Count: > 0 } items)
            {
                text.Append(" (").AppendJoin(", ", items.Select(i => $"{i.Name} {Fig(i.Count)} × {P(i.Points)}")).Append(')');
            }
            else
            {
                text.Append($" × {P(d.Points)}");
            }

            if (d.Households is null)
            {
                text.Append($" = {P(d.Deduction)} deducted{(d.Capped ? ", down to 0 at most" : "")}");
            }
        }

        if (d.Households is { } hs)
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

    private static string CountZh(CountExplanation c, IndicatorResult r)
    {
        var cap = c.Capped ? $",以满分 {P(r.Max)} 分为限" : "";
        return r.Kind switch
        {
            RuleKind.Bonus => $"{r.Name} {Fig(c.Count)} × {P(c.Points)} 分 = {P(c.Amount)} 分{(c.Capped ? $",以 {P(r.Max)} 分为限" : "")},加 {P(r.Score)} 分",
            _ when c.Count == 0 => $"{r.Name} 未发生,得 {P(r.Score)} 分",
            RuleKind.Fixed when c.Mode == FixedMode.AllOrNothing => $"{r.Name} 发生 {Fig(c.Count)} 起,不得分,得 0 分",
            RuleKind.Fixed => $"{r.Name} 发生 {Fig(c.Count)} 起,扣 {P(c.Amount)} 分{cap},得 {P(r.Score)} 分",
            _ => $"{r.Name} 发生 {Fig(c.Count)} 起 × {P(c.Points)} 分 = 扣 {P(c.Amount)} 分{cap},得 {P(r.Score)} 分",
        };
    }

    private static string CountEn(CountExplanation c, IndicatorResult r)
    {
        var cap = c.Capped ? $", capped at the maximum {P(r.Max)}" : "";
        return r.Kind switch
        {
            RuleKind.Bonus => $"{r.Name}: {Fig(c.Count)} × {P(c.Points)} = {P(c.Amount)}{(c.Capped ? $", capped at {P(r.Max)}" : "")}, bonus {P(r.Score)}",
            _ when c.Count == 0 => $"{r.Name}: {(r.Kind == RuleKind.PerEvent ? "no events" : "none")}, score {P(r.Score)}",
            RuleKind.Fixed when c.Mode == FixedMode.AllOrNothing => $"{r.Name}: {Fig(c.Count)} occurred, all or nothing, score 0",
            RuleKind.Fixed => $"{r.Name}: {Fig(c.Count)} occurred, fixed penalty {P(c.Amount)}{cap}, score {P(r.Score)}",
            _ => $"{r.Name}: {Fig(c.Count)} events × {P(c.Points)} = {P(c.Amount)} deducted{cap}, score {P(r.Score)}",
        };
    }

    private static string Fraction(decimal numerator, decimal? denominator) =>
        denominator is { } d ? $"({Fig(numerator)}/{Fig(d)})" : "";

    private static string FractionEn(decimal numerator, decimal? denominator) =>
        denominator is { } d ? $" ({Fig(numerator)}/{Fig(d)})" : "";

    private static string P(decimal? value) => ScoreRounding.Format(value ?? 0);

    private static string Pct(decimal? value) => ScoreRounding.FormatPercent(value ?? 0);

    private static string Fig(decimal? value) => ScoreRounding.FormatFigure(value ?? 0);
}
