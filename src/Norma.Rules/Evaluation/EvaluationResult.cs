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
/// <see cref="ApplicableMax"/>; <see cref="Total"/> = RawScore × <see cref="Factor"/> + <see cref="Bonus"/>
/// (capped at the full score unless the scheme lets bonuses exceed it), rounded.
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

    /// <summary>Full score / applicable maxima: 1 for a 100-point tree with everything applicable, 100/120 for a normalized 120-point tree.</summary>
    public required decimal Factor { get; init; }

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
    IndicatorStatus Status,
    bool Counted,
    decimal Max,
    decimal Score,
    decimal Deduction,
    ScoreExplanation Explanation)
{
    public string? Evidence { get; init; }
}

/// <summary>
/// The numbers behind a score, for the explanation line and the 明细测评表. Which members are set depends on
/// <see cref="Kind"/>; all figures are exact (unrounded) except scores.
/// </summary>
public sealed record ScoreExplanation(RuleKind Kind, IndicatorStatus Status)
{
    /// <summary>The measured value: rate in percent; band value (percent of the reference when there is one); manual score.</summary>
    public decimal? Value { get; init; }

    public decimal? Numerator { get; init; }

    public decimal? Denominator { get; init; }

    /// <summary>The reference figure of a band (社会存销比) and its raw value before conversion to percent.</summary>
    public decimal? Reference { get; init; }

    public decimal? RawValue { get; init; }

    /// <summary>The rate target, or for a band the bound that was crossed.</summary>
    public decimal? Target { get; init; }

    public decimal? Lower { get; init; }

    public decimal? Upper { get; init; }

    public RateDirection? Direction { get; init; }

    /// <summary>How far short of (or beyond) the target or band, in the value's units.</summary>
    public decimal? Gap { get; init; }

    public decimal? Step { get; init; }

    /// <summary>The steps charged after the fractional policy (ceil/floor/as is).</summary>
    public decimal? Steps { get; init; }

    public ShortfallPolicy? Shortfall { get; init; }

    /// <summary>Points per step, event, nonconformity or bonus unit.</summary>
    public decimal? Points { get; init; }

    /// <summary>Events, nonconformities (summed over checks and households), or bonus units.</summary>
    public decimal? Count { get; init; }

    /// <summary>The deduction (or bonus) before the cap at the maximum.</summary>
    public decimal? Uncapped { get; init; }

    public bool Capped { get; init; }

    /// <summary>Per check item: nonconformities summed over the checks or households.</summary>
    public IReadOnlyList<ItemTally>? Items { get; init; }

    /// <summary>Each sampled household's score, in household-key order.</summary>
    public IReadOnlyList<HouseholdScore>? Households { get; init; }

    public bool ZeroDenominator { get; init; }

    public FixedMode? Mode { get; init; }

    public string? Note { get; init; }

    /// <summary>For <see cref="IndicatorStatus.NoData"/> and <see cref="IndicatorStatus.Invalid"/>: what was missing or wrong (Chinese).</summary>
    public string? Problem { get; init; }

    /// <summary>What a missing or invalid indicator counted as.</summary>
    public MissingDataPolicy? MissingAs { get; init; }
}

public sealed record ItemTally(string Key, string Name, decimal Count, decimal Points);

public sealed record HouseholdScore(string Household, decimal Score);

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
