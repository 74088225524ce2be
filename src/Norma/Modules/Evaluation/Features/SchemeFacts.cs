using Norma.Modules.Evaluation.Contracts;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Evaluation;

namespace Norma.Modules.Evaluation.Features;

/// <summary>How an indicator's figures reach a run.</summary>
internal enum IndicatorEntry
{
    /// <summary>Sampled checks entered per household (实地检查).</summary>
    FieldCheck,

    /// <summary>An evaluator's score with its evidence note (评议).</summary>
    Manual,

    /// <summary>Imported from a CSV or Excel file: the source says "import", or names a capability not registered yet.</summary>
    Import,

    /// <summary>Read from a registered <see cref="IEvaluationMetricSource"/> (cases.…).</summary>
    Metric,
}

/// <summary>
/// What data entry and runs need to know about a scheme: its indicators by key (across positions), where each one's
/// figures come from, and the figure names an import may carry. An indicator naming a capability that has not
/// registered its source (complaints.…, surveys.… until the feedback capability exists) takes imported figures, so a
/// shared scheme file keeps its sources and works as soon as the capability arrives.
/// </summary>
internal sealed class SchemeFacts
{
    public const string FieldCheckSource = "field-check";
    public const string ManualSource = "manual";
    public const string ImportSource = "import";

    private readonly IReadOnlySet<string> registered;

    private SchemeFacts(EvaluationScheme scheme, IReadOnlySet<string> registered)
    {
        Scheme = scheme;
        this.registered = registered;
        var indicators = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        foreach (var indicator in scheme.Positions.SelectMany(p => p.Sections).SelectMany(s => s.Indicators))
        {
            indicators.TryAdd(indicator.Key, indicator);
        }

        Indicators = indicators;
        var figures = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in scheme.Positions.SelectMany(p => p.Sections).SelectMany(s => s.Indicators).Where(i => EntryOf(i) == IndicatorEntry.Import))
        {
            figures.Add(indicator.Key);   // a count (events, a yes/no fact) is imported under the indicator's own key
            foreach (var name in MetricNames(indicator.Rule))
            {
                figures.Add(name);
            }
        }

        ImportFigureNames = figures;
    }

    public EvaluationScheme Scheme { get; }

    public IReadOnlyDictionary<string, Indicator> Indicators { get; }

    /// <summary>Figure names a file may import for this scheme: import-sourced indicators' keys and the metrics their rules read.</summary>
    public IReadOnlySet<string> ImportFigureNames { get; }

    public static SchemeFacts Of(EvaluationScheme scheme, IEnumerable<IEvaluationMetricSource> sources) =>
        new(scheme, sources.SelectMany(s => s.Sources).Select(s => s.Key).ToHashSet(StringComparer.Ordinal));

    /// <summary>Whether an organization position is a scheme position: its code is the key (ignoring case), or its name the name.</summary>
    public static bool Holds(StaffPositionInfo held, Position position) =>
        string.Equals(held.PositionCode, position.Key, StringComparison.OrdinalIgnoreCase) || held.PositionName == position.Name;

    /// <summary>The scheme position that scores a person: the first, in the scheme's order, that one of their positions is.</summary>
    public static Position? PositionOf(EvaluationScheme scheme, IEnumerable<StaffPositionInfo> held) =>
        scheme.Positions.FirstOrDefault(p => held.Any(h => Holds(h, p)));

    /// <summary>The scheme position that scores a unit: the one whose key or name is the unit's code or name, else the first.</summary>
    public static Position PositionOf(EvaluationScheme scheme, UnitInfo unit) =>
        scheme.Positions.FirstOrDefault(p => string.Equals(p.Key, unit.Code, StringComparison.OrdinalIgnoreCase) || p.Name == unit.Name) ?? scheme.Positions[0];

    /// <summary>The root of a data-source key: "cases" for "cases.on-time.resolution".</summary>
    public static string Root(string source) => source.Split('.')[0];

    public IndicatorEntry EntryOf(Indicator indicator) => EntryOf(indicator.Source);

    public IndicatorEntry EntryOf(string source) => Root(source) switch
    {
        FieldCheckSource => IndicatorEntry.FieldCheck,
        ManualSource => IndicatorEntry.Manual,
        ImportSource => IndicatorEntry.Import,
        _ => registered.Contains(source) ? IndicatorEntry.Metric : IndicatorEntry.Import,
    };

    /// <summary>Whether an indicator's rule can be fed by field checks: deductions, and rates of a counted numerator over a counted denominator.</summary>
    public static bool FieldCheckable(IndicatorRule rule) => rule is DeductionRule or RateRule { Denominator: not null };

    public static IEnumerable<string> MetricNames(IndicatorRule rule) => rule switch
    {
        RateRule r => new[] { r.Numerator, r.Denominator, r.TargetMetric }.OfType<string>(),
        BandRule b => new[] { b.Numerator, b.Denominator, b.Reference }.OfType<string>(),
        _ => [],
    };
}
