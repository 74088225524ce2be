namespace Norma.Rules.Evaluation;

/// <summary>
/// A service-quality evaluation scheme (测评办法) as data: who is scored (<see cref="Positions"/>), over which period,
/// by which indicator tree, and what the total means (<see cref="TotalPolicy"/>, <see cref="Grades"/>,
/// <see cref="PassLine"/>). A scheme is versioned: a published result names the scheme code and version it was
/// computed with. Shape checks are <see cref="SchemeJson"/>'s job, rule checks <see cref="SchemeValidator"/>'s,
/// scoring <see cref="SchemeEngine"/>'s. The file format is described in docs/evaluation-schemes.md.
/// </summary>
public sealed record EvaluationScheme(string Code, string Name, string Version, PeriodType Period, IReadOnlyList<Position> Positions)
{
    public string? Description { get; init; }

    /// <summary>Whether the scheme scores people (their results are averaged per unit) or units themselves.</summary>
    public SubjectKind Subject { get; init; } = SubjectKind.Staff;

    /// <summary>How households are sampled for field checks (YCYC-DC-04 第九条: 5 % of each area's retail customers).</summary>
    public SamplingRule? Sampling { get; init; }

    /// <summary>Grade bands (优秀, 良好 …), each [Min, Below); empty when the scheme grades nothing.</summary>
    public IReadOnlyList<GradeBand> Grades { get; init; } = [];

    public PassLine? PassLine { get; init; }

    /// <summary>What the indicator maxima must add up to and how the total is formed; see <see cref="Evaluation.TotalPolicy"/>.</summary>
    public TotalPolicy TotalPolicy { get; init; } = TotalPolicy.None;

    /// <summary>The declared total for <see cref="TotalPolicy.Declared"/> (e.g. 150); unused otherwise.</summary>
    public decimal? DeclaredTotal { get; init; }

    /// <summary>Whether <see cref="BonusRule"/> indicators may be used at all (a scheme must say so explicitly).</summary>
    public bool AllowBonus { get; init; }

    /// <summary>Whether bonus points may take a total above the full score (otherwise the total is capped at it).</summary>
    public bool BonusAboveTotal { get; init; }

    /// <summary>Whether overseers (分管领导) get the average of the units they oversee.</summary>
    public bool OverseerAverage { get; init; }

    /// <summary>Results are published (通报) by this day of the month after the period ends (property seed: the 10th).</summary>
    public int? PublishByDay { get; init; }

    /// <summary>What an indicator without data counts as; it is always shown as 无数据 and reported.</summary>
    public MissingDataPolicy MissingData { get; init; } = MissingDataPolicy.Error;

    /// <summary>The full score a total is out of: 100, or <see cref="DeclaredTotal"/> under <see cref="TotalPolicy.Declared"/>.</summary>
    public decimal FullScore => TotalPolicy == TotalPolicy.Declared && DeclaredTotal is { } declared ? declared : 100m;
}

public enum PeriodType
{
    Month,
    Quarter,
    HalfYear,
    Year,
}

public enum SubjectKind
{
    /// <summary>People holding a position (客户经理 …); unit results are the mean of their staff's totals.</summary>
    Staff,

    /// <summary>Units scored as a whole (职能部门); a unit's result is its own total.</summary>
    Unit,
}

/// <summary>
/// How the per-position sum of indicator maxima relates to the total. Whatever the policy, indicators that are not
/// applicable (<see cref="ZeroDenominatorOutcome.NotApplicable"/>, <see cref="MissingDataPolicy.NotApplicable"/>)
/// are taken out and the rest scaled up: total = Σ scores × basis / Σ applicable maxima.
/// </summary>
public enum TotalPolicy
{
    /// <summary>The maxima must already add up to 100 (validation error otherwise); basis = Σ maxima.</summary>
    None,

    /// <summary>The maxima must add up to <see cref="EvaluationScheme.DeclaredTotal"/>; basis = Σ maxima, the total is out of it.</summary>
    Declared,

    /// <summary>Any sum is accepted (a warning names it) and the total is rescaled to 100: basis = 100.</summary>
    NormalizeTo100,
}

public enum MissingDataPolicy
{
    /// <summary>Counts as 0 and is an error: the result cannot be published until the data is supplied.</summary>
    Error,

    /// <summary>Counts as 0 (a warning).</summary>
    Zero,

    /// <summary>Taken out of the total, which is rescaled (a warning).</summary>
    NotApplicable,
}

/// <summary>A position (岗位) the scheme applies to, with its own indicator tree.</summary>
public sealed record Position(string Key, string Name, IReadOnlyList<Section> Sections);

/// <summary>
/// A part of the tree (标准服务, 客户投诉 …). <see cref="Max"/> is optional: when given it must equal the sum of its
/// indicators' maxima (the seed states section maxima, so the file can say them and have them checked).
/// </summary>
public sealed record Section(string Key, string Name, IReadOnlyList<Indicator> Indicators)
{
    public decimal? Max { get; init; }

    public string? Clause { get; init; }
}

/// <summary>
/// A scored indicator: its maximum points, the standard clause it cites (free text such as
/// "YCYC-DC-04 第六条(一)(1)"), where its figures come from (<see cref="Source"/>, e.g. "field-check",
/// "cases.on-time-rate", "import", "manual") and how figures become points (<see cref="Rule"/>).
/// For a <see cref="BonusRule"/>, <see cref="Max"/> is the bonus cap and does not count towards the full score.
/// </summary>
public sealed record Indicator(string Key, string Name, decimal Max, string Source, IndicatorRule Rule)
{
    public string? Clause { get; init; }

    /// <summary>The criterion in words, as the standard states it.</summary>
    public string? Criterion { get; init; }
}

/// <summary>
/// Field-check sampling: <see cref="Percent"/> of the population (e.g. an area's retail customers), at least
/// <see cref="Minimum"/> households. Indicators with <see cref="DeductionRule.PerHousehold"/> are averaged over
/// the households actually checked.
/// </summary>
public sealed record SamplingRule(decimal Percent, int Minimum)
{
    /// <summary>What is sampled, for display (片区零售客户).</summary>
    public string? Population { get; init; }

    /// <summary>Households to check out of <paramref name="population"/>: ⌈population × percent / 100⌉, at least the minimum, at most all.</summary>
    public int SampleSize(int population)
    {
        if (population <= 0)
        {
            return 0;
        }

        var size = (int)Math.Ceiling(population * Percent / 100m);
        return Math.Min(population, Math.Max(Minimum, size));
    }
}

/// <summary>A grade band: totals from <see cref="Min"/> (inclusive; null = no lower bound) up to <see cref="Below"/> (exclusive; null = no upper bound).</summary>
public sealed record GradeBand(string Name, decimal? Min, decimal? Below)
{
    public bool Contains(decimal score) => (Min is not { } min || score >= min) && (Below is not { } below || score < below);
}

/// <summary>
/// The pass line (达标线) and what falling short of it costs (YCYC-DC-04 第十九条): the unit's head loses
/// <see cref="HeadPenaltyPerPoint"/> per point the unit average is short, each staff member below the line
/// <see cref="StaffPenaltyPerPoint"/> per point they are short. <see cref="Shortfall"/> decides how a fraction of a
/// point counts.
/// </summary>
public sealed record PassLine(decimal Score)
{
    public string Label { get; init; } = "达标";

    /// <summary>Who bears the unit's shortfall, for the explanation text (部(所)长).</summary>
    public string HeadTitle { get; init; } = "负责人";

    public decimal? HeadPenaltyPerPoint { get; init; }

    public decimal? StaffPenaltyPerPoint { get; init; }

    public ShortfallPolicy Shortfall { get; init; } = ShortfallPolicy.Proportional;
}
