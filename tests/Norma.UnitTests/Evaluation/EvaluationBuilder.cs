using Norma.Rules.Evaluation;

namespace Norma.UnitTests.Evaluation;

/// <summary>Small schemes and inputs for the evaluation tests: one position "staff" with one section "main" unless said otherwise.</summary>
internal static class EvaluationBuilder
{
    public static Indicator Ind(string key, decimal max, IndicatorRule rule, string? name = null, string source = "import") =>
        new(key, name ?? key, max, source, rule);

    public static EvaluationScheme Scheme(params Indicator[] indicators) =>
        new("T-01", "测试方案", "1", PeriodType.Month, [new Position("staff", "岗位", [new Section("main", "测评", indicators)])]);

    public static IndicatorInput Count(string indicator, decimal count) => new(indicator) { Count = count };

    public static IndicatorInput Figures(string indicator, params (string Name, decimal Value)[] figures) =>
        new(indicator) { Figures = Dict(figures) };

    public static IndicatorInput Items(string indicator, params (string Item, decimal Count)[] counts) =>
        new(indicator) { ItemCounts = Dict(counts) };

    public static IndicatorInput Households(string indicator, params HouseholdCheck[] households) =>
        new(indicator) { Households = households };

    public static HouseholdCheck Household(string key, params (string Item, decimal Count)[] counts) =>
        new(key) { ItemCounts = Dict(counts) };

    public static IndicatorInput Manual(string indicator, decimal score, string? note) => new(indicator) { Score = score, Note = note };

    public static Dictionary<string, decimal> Dict(params (string Key, decimal Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static SubjectInput Subject(string key, params IndicatorInput[] inputs) => new(key, key, "staff", "U1", inputs);

    public static EvaluationResult Run(EvaluationScheme scheme, params SubjectInput[] subjects) =>
        SchemeEngine.Compute(scheme, new EvaluationInputs(subjects));

    /// <summary>Scores one indicator for one subject and returns that indicator's result.</summary>
    public static IndicatorResult ScoreOne(Indicator indicator, IndicatorInput input, IReadOnlyDictionary<string, decimal>? references = null)
    {
        var result = SchemeEngine.Compute(Scheme(indicator), new EvaluationInputs([Subject("S1", input)]) { References = references ?? Dict() });
        return result.Subjects.ShouldHaveSingleItem().Sections.ShouldHaveSingleItem().Indicators.ShouldHaveSingleItem();
    }
}
