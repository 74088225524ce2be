using BenchmarkDotNet.Attributes;
using Norma.Rules.Evaluation;

namespace Norma.Benchmarks;

/// <summary>
/// <see cref="SchemeEngine.Compute"/> at the size the evaluation module must handle: 10,000 staff × 30 indicators
/// (8 rates, 4 bands, 6 per-household deductions over 5 households × 5 check items, 4 summed deductions, 4 per-event,
/// 2 fixed, 2 manual) in 200 units under 20 overseers, with a pass line and grades. One operation is one whole
/// computation, explanations included. Inputs are built once in <see cref="Setup"/>.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private EvaluationScheme _scheme = null!;
    private EvaluationInputs _inputs = null!;

    [Params(10_000)]
    public int Staff { get; set; }

    [GlobalSetup]
    public void Setup() => (_scheme, _inputs) = Build(Staff);

    [Benchmark(Description = "Compute(scheme, staff × 30 indicators)")]
    public int Compute() => SchemeEngine.Compute(_scheme, _inputs).Subjects.Count;

    /// <summary>A 30-indicator scheme and <paramref name="staff"/> subjects with deterministic pseudo-random figures.</summary>
    public static (EvaluationScheme Scheme, EvaluationInputs Inputs) Build(int staff)
    {
        var items = Enumerable.Range(1, 5).Select(i => new CheckItem($"item{i}", $"检查项{i}") { Points = i % 2 + 1 }).ToList();
        var indicators = new List<Indicator>();
        for (var i = 0; i < 8; i++)
        {
            indicators.Add(new Indicator($"rate{i}", $"比率{i}", 5, "import", new RateRule("n", "d", 95, 2) { Shortfall = (ShortfallPolicy)(i % 3) }));
        }

        for (var i = 0; i < 4; i++)
        {
            indicators.Add(new Indicator($"band{i}", $"区间{i}", 5, "import", new BandRule("stock", "sales", 80, 100, 2) { Reference = "social" }));
        }

        for (var i = 0; i < 6; i++)
        {
            indicators.Add(new Indicator($"field{i}", $"走访{i}", 5, "field-check", new DeductionRule(1) { PerHousehold = true, Items = items }));
        }

        for (var i = 0; i < 4; i++)
        {
            indicators.Add(new Indicator($"check{i}", $"检查{i}", 5, "inspections", new DeductionRule(1)));
        }

        for (var i = 0; i < 4; i++)
        {
            indicators.Add(new Indicator($"event{i}", $"投诉{i}", 5, "complaints", new PerEventRule(2)));
        }

        indicators.Add(new Indicator("safety", "安全", 5, "import", new FixedRule(FixedMode.AllOrNothing)));
        indicators.Add(new Indicator("plan", "计划", 5, "import", new FixedRule(FixedMode.Penalty) { Points = 3 }));
        indicators.Add(new Indicator("manual0", "评分0", 5, "manual", new ManualRule()));
        indicators.Add(new Indicator("manual1", "评分1", 5, "manual", new ManualRule()));

        var sections = indicators.Chunk(8).Select((chunk, s) => new Section($"s{s}", $"部分{s}", chunk)).ToList();
        var scheme = new EvaluationScheme("BENCH", "基准", "1", PeriodType.HalfYear, [new Position("staff", "岗位", sections)])
        {
            TotalPolicy = TotalPolicy.NormalizeTo100,
            Sampling = new SamplingRule(5, 1),
            PassLine = new PassLine(85) { HeadPenaltyPerPoint = 1, StaffPenaltyPerPoint = 1 },
            Grades = [new GradeBand("优秀", 90, null), new GradeBand("良好", 80, 90), new GradeBand("合格", 60, 80), new GradeBand("不合格", null, 60)],
            OverseerAverage = true,
        };

        var random = new Random(2026);
        var subjects = new List<SubjectInput>(staff);
        for (var s = 0; s < staff; s++)
        {
            var inputs = new List<IndicatorInput>(indicators.Count);
            foreach (var indicator in indicators)
            {
                inputs.Add(indicator.Rule switch
                {
                    RateRule => new IndicatorInput(indicator.Key) { Figures = Figures(("n", random.Next(85, 101)), ("d", 100)) },
                    BandRule => new IndicatorInput(indicator.Key) { Figures = Figures(("stock", random.Next(900, 1300)), ("sales", 1000)) },
                    DeductionRule { PerHousehold: true } => new IndicatorInput(indicator.Key)
                    {
                        Households = [.. Enumerable.Range(1, 5).Select(h => new HouseholdCheck($"H{h}") { ItemCounts = Figures(($"item{random.Next(1, 6)}", random.Next(0, 2))) })],
                    },
                    ManualRule => new IndicatorInput(indicator.Key) { Score = random.Next(3, 6), Note = "现场检查" },
                    _ => new IndicatorInput(indicator.Key) { Count = random.Next(0, 3) },
                });
            }

            var unit = s % 200;
            subjects.Add(new SubjectInput($"S{s:D5}", $"员工{s}", "staff", $"U{unit:D3}", inputs) { OverseerKey = $"L{unit % 20:D2}", AreaCustomers = 100 });
        }

        return (scheme, new EvaluationInputs(subjects) { References = Figures(("social", 1.2m)) });
    }

    private static Dictionary<string, decimal> Figures(params (string Key, decimal Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
