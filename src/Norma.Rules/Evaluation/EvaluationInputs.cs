namespace Norma.Rules.Evaluation;

/// <summary>
/// Everything a computation reads besides the scheme: the subjects with their figures, and shared reference
/// figures (社会存销比, looked up by <see cref="BandRule.Reference"/> and <see cref="RateRule.TargetMetric"/> when a
/// subject's own figures do not have them). The engine never depends on the order of anything here.
/// </summary>
public sealed record EvaluationInputs(IReadOnlyList<SubjectInput> Subjects)
{
    public IReadOnlyDictionary<string, decimal> References { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);
}

/// <summary>
/// A person (or, in a <see cref="SubjectKind.Unit"/> scheme, a unit) to score: <see cref="Position"/> is a
/// position key of the scheme; <see cref="UnitKey"/> the unit (部/所) whose average they count towards (a unit
/// subject defaults to its own key); <see cref="OverseerKey"/> the 分管领导 over that unit.
/// <see cref="AreaCustomers"/> is the size of the sampled population (片区零售客户总数), used to check that enough
/// households were checked.
/// </summary>
public sealed record SubjectInput(string Key, string Name, string Position, string? UnitKey, IReadOnlyList<IndicatorInput> Indicators)
{
    public string? UnitName { get; init; }

    public string? OverseerKey { get; init; }

    public string? OverseerName { get; init; }

    public int? AreaCustomers { get; init; }
}

/// <summary>
/// The figures for one indicator of one subject. Which members are read depends on the rule kind:
/// <list type="bullet">
/// <item><c>deduction</c>: <see cref="Count"/> (no check items) or <see cref="ItemCounts"/> (item key → nonconformities),
/// summed over all checks; or, for a per-household rule, <see cref="Households"/>.</item>
/// <item><c>rate</c>, <c>band</c>: <see cref="Figures"/> by the metric names the rule gives.</item>
/// <item><c>perEvent</c>, <c>fixed</c>, <c>bonus</c>: <see cref="Count"/> (events; 1/0 for a yes/no fact).</item>
/// <item><c>manual</c>: <see cref="Score"/> and <see cref="Note"/>.</item>
/// </list>
/// <see cref="Evidence"/> says where the figures come from (a file and row, a case query) and is shown with the score.
/// An indicator with no input at all is 无数据 (see <see cref="MissingDataPolicy"/>), never full marks.
/// </summary>
public sealed record IndicatorInput(string Indicator)
{
    public decimal? Count { get; init; }

    public IReadOnlyDictionary<string, decimal>? ItemCounts { get; init; }

    public IReadOnlyList<HouseholdCheck>? Households { get; init; }

    public IReadOnlyDictionary<string, decimal>? Figures { get; init; }

    public decimal? Score { get; init; }

    public string? Note { get; init; }

    public string? Evidence { get; init; }
}

/// <summary>One sampled household's nonconformities: <see cref="Count"/> for a rule without check items, else <see cref="ItemCounts"/>.</summary>
public sealed record HouseholdCheck(string Household)
{
    public decimal? Count { get; init; }

    public IReadOnlyDictionary<string, decimal>? ItemCounts { get; init; }
}
