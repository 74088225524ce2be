using System.Text.Json.Serialization;

namespace Norma.Rules.Evaluation;

public enum ProblemSeverity
{
    /// <summary>Blocks publication (<see cref="EvaluationResult.CanPublish"/>, <see cref="SchemeValidation.CanPublish"/>).</summary>
    Error,

    /// <summary>Shown with the result; does not block.</summary>
    Warning,
}

/// <summary>A problem with a scheme: <see cref="Path"/> is the JSONPath of the offending part ($.positions[0].sections[1]); <see cref="Code"/> stable English (<see cref="SchemeProblemCodes"/>), <see cref="Message"/> Chinese.</summary>
public sealed record SchemeProblem(string Code, ProblemSeverity Severity, string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A problem with the inputs of one subject (and indicator), found while computing; <see cref="Code"/> is one of <see cref="InputProblemCodes"/>.</summary>
public sealed record InputProblem(string Code, ProblemSeverity Severity, string? SubjectKey, string? IndicatorKey, string Message)
{
    public override string ToString() => $"{SubjectKey}/{IndicatorKey}: {Message}";
}

/// <summary>
/// The outcome of <see cref="SchemeEngine.Compute"/>. Lists are in rank order (ties by key), so the same scheme and
/// inputs always give the same result, element by element. Every published figure is already rounded (see
/// <see cref="ScoreRounding"/>).
/// </summary>
public sealed record EvaluationResult(
    string SchemeCode,
    string SchemeVersion,
    IReadOnlyList<SubjectResult> Subjects,
    IReadOnlyList<UnitResult> Units,
    IReadOnlyList<OverseerResult> Overseers,
    IReadOnlyList<SchemeProblem> SchemeProblems,
    IReadOnlyList<InputProblem> InputProblems)
{
    /// <summary>No errors in the scheme or the inputs (missing data under <see cref="MissingDataPolicy.Error"/>, a manual score without a note …).</summary>
    public bool CanPublish =>
        SchemeProblems.All(p => p.Severity != ProblemSeverity.Error) && InputProblems.All(p => p.Severity != ProblemSeverity.Error);
}

/// <summary>
/// One subject's result. <see cref="RawScore"/> is the sum of the applicable indicators' scores out of
/// <see cref="ApplicableMax"/>; <see cref="Total"/> = RawScore × <see cref="Basis"/> / ApplicableMax +
/// <see cref="Bonus"/> (capped at the basis unless the scheme lets bonuses exceed it), rounded.
/// </summary>
public sealed record SubjectResult
{
    public required string Key { get; init; }

    public required string Name { get; init; }

    public required string Position { get; init; }

    public required string PositionName { get; init; }

    /// <summary>The unit the subject counts towards (a unit subject: itself), or null.</summary>
    public string? UnitKey { get; init; }

    public string? UnitName { get; init; }

    public string? OverseerKey { get; init; }

    public string? OverseerName { get; init; }

    public required IReadOnlyList<SectionResult> Sections { get; init; }

    public required decimal RawScore { get; init; }

    public required decimal ApplicableMax { get; init; }

    /// <summary>What the counted scores are scaled to: 100 under <see cref="TotalPolicy.NormalizeTo100"/>, else the sum of all the position's maxima.</summary>
    public required decimal Basis { get; init; }

    /// <summary>Basis / applicable maxima: 1 for a 100-point tree with everything applicable, 100/120 for a normalized 120-point tree.</summary>
    public decimal Factor => ApplicableMax == 0 ? 0 : Basis / ApplicableMax;

    public required decimal Bonus { get; init; }

    public required decimal Total { get; init; }

    public string? Grade { get; init; }

    /// <summary>Standard competition rank ("1224") among all subjects, by rounded total.</summary>
    public required int Rank { get; init; }

    /// <summary>The same among subjects of the same position.</summary>
    public required int PositionRank { get; init; }

    /// <summary>Points below the pass line (0 when at or above it, or without a pass line).</summary>
    public decimal BelowLine { get; init; }

    /// <summary>The subject's own below-line deduction (YCYC-DC-04 第十九条: 每少1分扣考核成绩1分), or 0.</summary>
    public decimal BelowLineDeduction { get; init; }
}

/// <summary>A section subtotal: the raw (unscaled) sum of its indicators' scores out of its applicable maxima (bonus indicators in <see cref="Bonus"/>).</summary>
public sealed record SectionResult(string Key, string Name, decimal Score, decimal Max, decimal Bonus, IReadOnlyList<IndicatorResult> Indicators);

public enum IndicatorStatus
{
    Scored,

    /// <summary>Zero denominator under <see cref="ZeroDenominatorOutcome.NotApplicable"/>: out of the total, which is rescaled.</summary>
    NotApplicable,

    /// <summary>无数据: no input, or a figure the rule needs is missing (see <see cref="MissingDataPolicy"/>).</summary>
    NoData,

    /// <summary>The input is unusable (a manual score without a note or out of range, a negative count, an unknown check item).</summary>
    Invalid,
}

/// <summary>
/// One indicator's score. <see cref="Deduction"/> = <see cref="Max"/> − <see cref="Score"/> (0 for a bonus, whose
/// score is the bonus). <see cref="Counted"/> says whether it counts towards the subject's total (false when not
/// applicable, or without data under <see cref="MissingDataPolicy.NotApplicable"/>).
/// <see cref="ExplanationText"/> turns <see cref="Explanation"/> into a sentence.
/// </summary>
public sealed record IndicatorResult(
    string Key,
    string Name,
    string? Clause,
    string Source,
    RuleKind Kind,
    IndicatorStatus Status,
    bool Counted,
    decimal Max,
    decimal Score,
    ScoreExplanation Explanation)
{
    public string? Evidence { get; init; }

    public decimal Deduction => Kind == RuleKind.Bonus || !Counted ? 0 : Max - Score;
}

/// <summary>
/// The numbers behind a score, for the explanation line and the 明细测评表: one subtype per family of rules (like
/// the rules themselves), plus <see cref="UnscoredExplanation"/> for 无数据 and invalid input. Measured figures are
/// exact (unrounded); deductions are before the cap at the maximum. Serialized with a "kind" discriminator, so a
/// result snapshot stored as JSON keeps its explanations.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RateExplanation), "rate")]
[JsonDerivedType(typeof(BandExplanation), "band")]
[JsonDerivedType(typeof(DeductionExplanation), "deduction")]
[JsonDerivedType(typeof(CountExplanation), "count")]
[JsonDerivedType(typeof(ManualExplanation), "manual")]
[JsonDerivedType(typeof(UnscoredExplanation), "unscored")]
public abstract record ScoreExplanation
{
    private protected ScoreExplanation()
    {
    }
}

/// <summary>
/// How a distance from a target became points: <see cref="Gap"/> short of (or beyond) it, in steps of
/// <see cref="Step"/>, counted by <see cref="Policy"/> as <see cref="Steps"/>, × <see cref="Points"/> =
/// <see cref="Deduction"/> (before the cap; <see cref="Capped"/> when it exceeded the maximum).
/// </summary>
public readonly record struct StepCharge(decimal Gap, decimal Step, ShortfallPolicy Policy, decimal Steps, decimal Points, decimal Deduction, bool Capped);

/// <summary>A <see cref="RateRule"/>: rate <see cref="Value"/> in percent (null when the denominator is zero) against the effective <see cref="Target"/>.</summary>
public sealed record RateExplanation(decimal Numerator, decimal? Denominator, decimal? Value, decimal Target, RateDirection Direction, StepCharge Charge) : ScoreExplanation
{
    public bool ZeroDenominator => Value is null;
}

/// <summary>
/// A <see cref="BandRule"/>: <see cref="RawValue"/> = numerator / denominator; <see cref="Value"/> the compared figure
/// (percent of <see cref="Reference"/> when there is one); <see cref="Bound"/> the bound crossed, if any.
/// </summary>
public sealed record BandExplanation(decimal Numerator, decimal? Denominator, decimal? RawValue, decimal? Reference, decimal? Value, decimal? Lower, decimal? Upper, decimal? Bound, StepCharge Charge) : ScoreExplanation
{
    public bool ZeroDenominator => Value is null;

    /// <summary>Below the lower bound (<see cref="RateDirection.AtLeast"/> missed) or above the upper one, when outside.</summary>
    public RateDirection? Direction => Bound is null ? null : Value < Bound ? RateDirection.AtLeast : RateDirection.AtMost;
}

/// <summary>
/// A <see cref="DeductionRule"/>: <see cref="Count"/> nonconformities in all (per item in <see cref="Items"/>),
/// <see cref="Deduction"/> their points before the cap; with sampling, each household's score in
/// <see cref="Households"/> (ordered by household key) and the indicator score is their mean.
/// </summary>
public sealed record DeductionExplanation(decimal Count, decimal Points, decimal Deduction, bool Capped) : ScoreExplanation
{
    public IReadOnlyList<ItemTally>? Items { get; init; }

    public IReadOnlyList<HouseholdScore>? Households { get; init; }
}

/// <summary>
/// A count-based rule (<see cref="PerEventRule"/>, <see cref="FixedRule"/>, <see cref="BonusRule"/>): <see cref="Count"/>
/// events or units and the <see cref="Amount"/> of points they deduct (or add, for a bonus) before the cap.
/// </summary>
public sealed record CountExplanation(decimal Count, decimal? Points, decimal Amount, bool Capped) : ScoreExplanation
{
    public FixedMode? Mode { get; init; }
}

/// <summary>A <see cref="ManualRule"/>: the evaluator's evidence note.</summary>
public sealed record ManualExplanation(string? Note) : ScoreExplanation;

/// <summary>无数据 or an unusable input: what was missing or wrong (Chinese), and what the indicator counted as.</summary>
public sealed record UnscoredExplanation(string Problem, MissingDataPolicy CountedAs) : ScoreExplanation;

public readonly record struct ItemTally(string Key, string Name, decimal Count, decimal Points);

public readonly record struct HouseholdScore(string Household, decimal Score);

/// <summary>
/// A unit (部/所): the mean of its subjects' totals (YCYC-DC-04 第十八条), its grade and rank, and the pass-line
/// consequence: <see cref="BelowLine"/> points short and <see cref="HeadDeduction"/> for its head (第十九条).
/// </summary>
public sealed record UnitResult
{
    public required string Key { get; init; }

    public string? Name { get; init; }

    public required int Members { get; init; }

    public required decimal Average { get; init; }

    public string? Grade { get; init; }

    public required int Rank { get; init; }

    public required IReadOnlyList<string> Overseers { get; init; }

    public decimal BelowLine { get; init; }

    public decimal HeadDeduction { get; init; }
}

/// <summary>An overseer (分管领导): the mean of the averages of the units they oversee.</summary>
public sealed record OverseerResult(string Key, string? Name, IReadOnlyList<string> Units, decimal Average, int Rank);
