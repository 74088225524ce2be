using Norma.Rules.Evaluation;

namespace Norma.Modules.Evaluation.Features;

/// <summary>What data entry needs to know about a scheme: its indicators by key (across positions) and the figure names an import may carry.</summary>
internal sealed class SchemeFacts
{
    public const string FieldCheckSource = "field-check";
    public const string ManualSource = "manual";
    public const string ImportSource = "import";

    private SchemeFacts(EvaluationScheme scheme)
    {
        Scheme = scheme;
        var indicators = new Dictionary<string, Indicator>(StringComparer.Ordinal);
        foreach (var indicator in scheme.Positions.SelectMany(p => p.Sections).SelectMany(s => s.Indicators))
        {
            indicators.TryAdd(indicator.Key, indicator);
        }

        Indicators = indicators;
        var figures = new HashSet<string>(StringComparer.Ordinal);
        foreach (var indicator in indicators.Values.Where(i => Root(i.Source) == ImportSource))
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

    public static SchemeFacts Of(EvaluationScheme scheme) => new(scheme);

    /// <summary>The root of a data-source key: "cases" for "cases.on-time.resolution".</summary>
    public static string Root(string source) => source.Split('.')[0];

    public static IEnumerable<string> MetricNames(IndicatorRule rule) => rule switch
    {
        RateRule r => new[] { r.Numerator, r.Denominator, r.TargetMetric }.OfType<string>(),
        BandRule b => new[] { b.Numerator, b.Denominator, b.Reference }.OfType<string>(),
        _ => [],
    };
}
