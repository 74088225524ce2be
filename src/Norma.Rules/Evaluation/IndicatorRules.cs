namespace Norma.Rules.Evaluation;

/// <summary>
/// How an indicator's figures become points. The set is closed (the JSON "kind" names it); every kind comes from a
/// seed and is described with a worked example in docs/evaluation-schemes.md. "Points" is always the points per
/// unit of the measured thing (per nonconformity, per percentage point, per event).
/// </summary>
public abstract record IndicatorRule
{
    private protected IndicatorRule()
    {
    }

    public abstract RuleKind Kind { get; }
}

public enum RuleKind
{
    Deduction,
    Rate,
    Band,
    PerEvent,
    Fixed,
    Manual,
    Bonus,
}

/// <summary>
/// Deduction per nonconformity, 扣完为止: score = max(0, max − Σ points × count). With check
/// <see cref="Items"/> each item has its own points (default <see cref="Points"/>); without, the input gives one
/// count. With <see cref="PerHousehold"/> the input gives counts per sampled household, each household is scored
/// that way and the indicator score is the mean over the households (YCYC-DC-04 第九条 按照抽查户数求平均数);
/// otherwise the counts are summed over all checks first.
/// </summary>
public sealed record DeductionRule(decimal Points) : IndicatorRule
{
    public override RuleKind Kind => RuleKind.Deduction;

    public bool PerHousehold { get; init; }

    public IReadOnlyList<CheckItem> Items { get; init; } = [];
}

/// <summary>A check item of a <see cref="DeductionRule"/>: "1.2 价签维护 … 一项不符扣1分".</summary>
public sealed record CheckItem(string Key, string Name)
{
    /// <summary>Points per nonconformity of this item; null = the rule's <see cref="DeductionRule.Points"/>.</summary>
    public decimal? Points { get; init; }

    public string? Clause { get; init; }
}

/// <summary>
/// A rate against a target: rate = 100 × numerator / denominator (percent), or the <see cref="Numerator"/> figure
/// itself when there is no denominator (a survey's satisfaction percentage). Points are lost per
/// <see cref="Step"/> percentage points short (<see cref="RateDirection.AtLeast"/>) or over
/// (<see cref="RateDirection.AtMost"/>, e.g. 破损率 ≤ 0.01 %), a fraction of a step counted by
/// <see cref="Shortfall"/>, capped at the maximum. <see cref="TargetMetric"/>, when the input has that figure,
/// replaces <see cref="Target"/> for that subject (经营指导面: 城市 50 %, 农村 40 %).
/// </summary>
public sealed record RateRule(string Numerator, string? Denominator, decimal Target, decimal Points) : IndicatorRule
{
    public override RuleKind Kind => RuleKind.Rate;

    public decimal Step { get; init; } = 1m;

    public RateDirection Direction { get; init; } = RateDirection.AtLeast;

    public ShortfallPolicy Shortfall { get; init; } = ShortfallPolicy.Proportional;

    public ZeroDenominatorOutcome ZeroDenominator { get; init; } = ZeroDenominatorOutcome.NotApplicable;

    public string? TargetMetric { get; init; }
}

/// <summary>
/// A two-sided band: the value must lie within [<see cref="Lower"/>, <see cref="Upper"/>] (either may be null).
/// value = numerator / denominator (a ratio, not ×100), or the numerator figure itself. With a
/// <see cref="Reference"/> figure (社会存销比) the bounds are percentages of it and the value is compared as
/// 100 × value / reference, so the distance outside is in percentage points of the reference (YCYC-DC-04
/// 第六条(一)(2): "不能低于社会存销比的80% … 每超(减)1%扣2分" = lower 80, upper 100). Without a reference the
/// bounds and the distance are in the value's own units. Points are lost per <see cref="Step"/> outside.
/// </summary>
public sealed record BandRule(string Numerator, string? Denominator, decimal? Lower, decimal? Upper, decimal Points) : IndicatorRule
{
    public override RuleKind Kind => RuleKind.Band;

    public string? Reference { get; init; }

    public decimal Step { get; init; } = 1m;

    public ShortfallPolicy Shortfall { get; init; } = ShortfallPolicy.Proportional;

    public ZeroDenominatorOutcome ZeroDenominator { get; init; } = ZeroDenominatorOutcome.NotApplicable;
}

/// <summary>Points per event ("每发生一起有理投诉扣2分"): score = max(0, max − points × events).</summary>
public sealed record PerEventRule(decimal Points) : IndicatorRule
{
    public override RuleKind Kind => RuleKind.PerEvent;
}

/// <summary>
/// All or nothing ("出现安全事故不得分": any event → 0) or a fixed penalty ("未完成扣5分": a count above 0 —
/// 1 for a yes/no fact — costs <see cref="Points"/> once).
/// </summary>
public sealed record FixedRule(FixedMode Mode) : IndicatorRule
{
    public override RuleKind Kind => RuleKind.Fixed;

    /// <summary>The penalty for <see cref="FixedMode.Penalty"/>; unused for <see cref="FixedMode.AllOrNothing"/>.</summary>
    public decimal? Points { get; init; }
}

/// <summary>An evaluator's score from 0 to the maximum, with a note of the evidence (required unless <see cref="RequireNote"/> is false).</summary>
public sealed record ManualRule : IndicatorRule
{
    public override RuleKind Kind => RuleKind.Manual;

    public bool RequireNote { get; init; } = true;
}

/// <summary>
/// Bonus points per unit of a count, capped at the indicator's maximum, added after the total is formed. Only in
/// schemes with <see cref="EvaluationScheme.AllowBonus"/>; the total may exceed the full score only with
/// <see cref="EvaluationScheme.BonusAboveTotal"/>.
/// </summary>
public sealed record BonusRule(decimal Points) : IndicatorRule
{
    public override RuleKind Kind => RuleKind.Bonus;
}

/// <summary>How a fraction of a step (percentage point, point below the pass line) counts.</summary>
public enum ShortfallPolicy
{
    /// <summary>As it is: 2.6 points short × 2 = 5.2.</summary>
    Proportional,

    /// <summary>A started step counts whole (ceiling): 2.6 → 3 × 2 = 6.</summary>
    StartedPoint,

    /// <summary>Only whole steps count (floor): 2.6 → 2 × 2 = 4.</summary>
    WholePoint,
}

public enum RateDirection
{
    /// <summary>The rate must be at least the target (及时率 ≥ 100 %); points are lost per step short.</summary>
    AtLeast,

    /// <summary>The rate must be at most the target (破损率 ≤ 0.01 %); points are lost per step over.</summary>
    AtMost,
}

/// <summary>What a rate or band with a zero denominator (nothing delivered, no sales) scores.</summary>
public enum ZeroDenominatorOutcome
{
    FullMarks,
    Zero,

    /// <summary>The indicator is taken out and the total rescaled (see <see cref="TotalPolicy"/>).</summary>
    NotApplicable,
}

public enum FixedMode
{
    AllOrNothing,
    Penalty,
}
