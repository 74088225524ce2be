using System.Text.Json;
using Norma.Rules.Evaluation;
using static Norma.UnitTests.Evaluation.EvaluationBuilder;

namespace Norma.UnitTests.Evaluation;

/// <summary>Totals (normalization, declared totals, rounding, missing data), grades, units, overseers, ranks, determinism.</summary>
public class TotalsAndAggregationTests
{
    /// <summary>A 120-point tree like YCYC-DC-04's 客户经理: 20 + 50 + 20 + 30.</summary>
    private static EvaluationScheme Tree120(TotalPolicy policy) =>
        new EvaluationScheme("T-120", "测试", "1", PeriodType.HalfYear,
        [
            new Position("manager", "客户经理",
            [
                new Section("standard", "标准服务", [Ind("standard", 20, new DeductionRule(1))]) { Max = 20 },
                new Section("improvement", "提升服务", [Ind("margin", 50, new RateRule("margin", null, 10, 2))]) { Max = 50 },
                new Section("complaints", "客户投诉", [Ind("complaints", 20, new PerEventRule(2))]) { Max = 20 },
                new Section("satisfaction", "满意度测评", [Ind("satisfaction", 30, new RateRule("satisfaction", null, 90, 2))]) { Max = 30 },
            ]),
        ]) { TotalPolicy = policy };

    private static SubjectInput Manager(string key, decimal standardCount, decimal margin, decimal complaints, decimal satisfaction, string unit = "U1") =>
        new(key, key, "manager", unit,
        [
            Count("standard", standardCount),
            Figures("margin", ("margin", margin)),
            Count("complaints", complaints),
            Figures("satisfaction", ("satisfaction", satisfaction)),
        ]);

    [Fact]
    public void A_120_point_tree_is_normalized_to_100()
    {
        // standard 0 → 20; margin 10 % → 50; complaints 3 × 2 → 14; satisfaction 88 %: 2 × 2 → 26.
        // Raw 20 + 50 + 14 + 26 = 110 of 120 → 110 × 100 / 120 = 91.666… → 91.67.
        var s = Run(Tree120(TotalPolicy.NormalizeTo100), Manager("M1", 0, 10, 3, 88)).Subjects[0];
        s.Sections.Select(x => (x.Key, x.Score, x.Max)).ShouldBe([("standard", 20m, 20m), ("improvement", 50m, 50m), ("complaints", 14m, 20m), ("satisfaction", 26m, 30m)]);
        (s.RawScore, s.ApplicableMax, s.Total).ShouldBe((110m, 120m, 91.67m));
        s.Factor.ShouldBe(100m / 120m);
        ExplanationText.Chinese(s).ShouldBe("M1 各部分合计 110 分(满分 120 分),折算 110 × 100 / 120 = 总分 91.67 分");
    }

    [Fact]
    public void Rescaling_multiplies_before_it_divides_and_rounds_half_away_from_zero()
    {
        // margin 10 % → 50, complaints 0 → 20, satisfaction 90 → 30, standard: 9.97 nonconformities at 1 point → 10.03.
        // Raw 10.03 + 50 + 20 + 30 = 110.03; × 100 / 120 = 91.691666… → 91.69.
        Run(Tree120(TotalPolicy.NormalizeTo100), Manager("M1", 9.97m, 10, 0, 90)).Subjects[0].Total.ShouldBe(91.69m);

        // An exact half: raw 90.03 → 90.03 × 100 / 120 = 75.025 exactly → 75.03 (half away from zero). Dividing by 120
        // first would give 0.8333…×90.03 = 75.02499… → 75.02. standard 0 → 20; margin 5.015 %: 4.985 × 2 = 9.97 → 40.03;
        // complaints 10 → 0; satisfaction 90 → 30. Raw 20 + 40.03 + 0 + 30 = 90.03.
        var s = Run(Tree120(TotalPolicy.NormalizeTo100), Manager("M1", 0, 5.015m, 10, 90)).Subjects[0];
        s.RawScore.ShouldBe(90.03m);
        s.Total.ShouldBe(75.03m);
        ScoreRounding.Round(2.345m).ShouldBe(2.35m);
        ScoreRounding.Round(-2.345m).ShouldBe(-2.35m);
    }

    [Fact]
    public void The_same_tree_under_policy_none_is_an_error_with_the_numbers()
    {
        var problem = SchemeValidator.Validate(Tree120(TotalPolicy.None)).Problems.ShouldHaveSingleItem();
        (problem.Code, problem.Severity, problem.Path).ShouldBe((SchemeProblemCodes.MaximaNot100, ProblemSeverity.Error, "$.positions[0]"));
        problem.Message.ShouldBe("客户经理 的各部分满分合计 120 分,不等于 100 分");

        // It still computes (a preview), out of its own 120, but cannot be published.
        var result = Run(Tree120(TotalPolicy.None), Manager("M1", 0, 10, 3, 88));
        result.Subjects[0].Total.ShouldBe(110m);
        result.CanPublish.ShouldBeFalse();
    }

    [Fact]
    public void A_declared_total_is_checked_and_the_total_is_out_of_it()
    {
        var declared = Tree120(TotalPolicy.Declared) with { DeclaredTotal = 120 };
        SchemeValidator.Validate(declared).CanPublish.ShouldBeTrue();
        var s = Run(declared, Manager("M1", 0, 10, 3, 88)).Subjects[0];
        (s.Total, s.Factor).ShouldBe((110m, 1m)); // 110 of 120, not rescaled

        var wrong = SchemeValidator.Validate(Tree120(TotalPolicy.Declared) with { DeclaredTotal = 150 }).Problems.ShouldHaveSingleItem();
        (wrong.Code, wrong.Message).ShouldBe((SchemeProblemCodes.MaximaNotDeclared, "客户经理 的各部分满分合计 120 分,不等于声明的总分 150 分"));
        SchemeValidator.Validate(Tree120(TotalPolicy.Declared)).Problems[0].Code.ShouldBe(SchemeProblemCodes.InvalidDeclaredTotal);
    }

    [Theory]
    [InlineData(MissingDataPolicy.Error, ProblemSeverity.Error, 80, false)] // counted as 0 of 20: 80 / 100
    [InlineData(MissingDataPolicy.Zero, ProblemSeverity.Warning, 80, true)]
    [InlineData(MissingDataPolicy.NotApplicable, ProblemSeverity.Warning, 100, true)] // 80 of 80 → 80 × 100 / 80 = 100
    public void Missing_data_is_never_full_marks(MissingDataPolicy policy, ProblemSeverity severity, decimal total, bool canPublish)
    {
        var scheme = Scheme(Ind("complaints", 20, new PerEventRule(2), "有理投诉"), Ind("satisfaction", 80, new RateRule("satisfaction", null, 90, 2), "满意度"))
            with { MissingData = policy };
        var result = Run(scheme, Subject("S1", Figures("satisfaction", ("satisfaction", 95))));
        var missing = result.Subjects[0].Sections[0].Indicators[0];
        missing.Status.ShouldBe(IndicatorStatus.NoData);
        missing.Score.ShouldBe(0m);
        result.Subjects[0].Total.ShouldBe(total);
        var problem = result.InputProblems.ShouldHaveSingleItem();
        (problem.Code, problem.Severity, problem.SubjectKey, problem.IndicatorKey).ShouldBe((InputProblemCodes.MissingData, severity, "S1", "complaints"));
        problem.Message.ShouldBe("“S1”的指标“有理投诉”无数据:没有提供数据");
        result.CanPublish.ShouldBe(canPublish);
        ExplanationText.Chinese(missing).ShouldStartWith("有理投诉 无数据:没有提供数据,");
    }

    [Fact]
    public void Inputs_for_unknown_indicators_positions_and_duplicates_are_reported()
    {
        var scheme = Scheme(Ind("complaints", 100, new PerEventRule(2)));
        var result = Run(scheme,
            Subject("S1", Count("complaints", 1), Count("complaints", 2)),
            Subject("S2", Count("complaints", 0), Count("typo", 1)),
            Subject("S3", Count("complaints", 0)) with { Position = "boss" },
            Subject("S4", Count("complaints", 0)),
            Subject("S4", Count("complaints", 1)));
        result.InputProblems.Select(p => (p.Code, p.SubjectKey)).ShouldBe(
        [
            (InputProblemCodes.DuplicateIndicatorInput, "S1"),
            (InputProblemCodes.UnknownIndicator, "S2"),
            (InputProblemCodes.UnknownPosition, "S3"),
            (InputProblemCodes.DuplicateSubject, "S4"),
        ]);
        result.Subjects.Select(s => s.Key).ShouldBe(["S2", "S1"]);
        result.Subjects.Single(s => s.Key == "S1").Sections[0].Indicators[0].Status.ShouldBe(IndicatorStatus.Invalid);
    }

    private static readonly GradeBand[] PropertyGrades =
    [
        new("优秀", 96, null), new("优良", 91, 96), new("良好", 81, 91), new("合格", 70, 81), new("不合格", null, 70),
    ];

    [Fact]
    public void Grade_bands_include_their_minimum_and_exclude_the_next_bands()
    {
        var excellent = PropertyGrades[0];
        var good = PropertyGrades[1];
        good.Contains(95.999m).ShouldBeTrue();
        excellent.Contains(95.999m).ShouldBeFalse();
        excellent.Contains(96m).ShouldBeTrue();
        good.Contains(96m).ShouldBeFalse();
        PropertyGrades[4].Contains(69.99m).ShouldBeTrue();
        PropertyGrades[3].Contains(70m).ShouldBeTrue();
    }

    [Theory]
    [InlineData(95.99, "优良")]
    [InlineData(96, "优秀")]
    [InlineData(95.995, "优秀")] // the score is rounded (96.00) before it is graded
    [InlineData(90.99, "良好")]
    [InlineData(70, "合格")]
    [InlineData(69.99, "不合格")]
    public void The_published_total_is_graded(decimal score, string grade)
    {
        var scheme = Scheme(Ind("overall", 100, new ManualRule(), "综合评分", "manual")) with { Grades = PropertyGrades };
        Run(scheme, Subject("S1", Manual("overall", score, "现场检查"))).Subjects[0].Grade.ShouldBe(grade);
    }

    private static readonly EvaluationScheme PassLine85 =
        Scheme(Ind("overall", 100, new ManualRule { RequireNote = false }, "综合评分", "manual"))
            with { PassLine = new PassLine(85) { HeadTitle = "部(所)长", HeadPenaltyPerPoint = 1, StaffPenaltyPerPoint = 1 }, OverseerAverage = true };

    private static SubjectInput Staff(string key, decimal score, string unit, string? overseer = null) =>
        new(key, "员工" + key, "staff", unit, [new IndicatorInput("overall") { Score = score }]) { UnitName = unit + "所", OverseerKey = overseer, OverseerName = overseer is null ? null : "领导" + overseer };

    [Fact]
    public void A_unit_is_the_mean_of_its_staff_and_below_the_line_costs_its_head()
    {
        // Unit A: (90 + 80 + 77.5) / 3 = 82.5 → 2.5 below 85 → the head loses 2.5 × 1 = 2.5.
        // Staff below the line lose their own shortfall: 80 → 5, 77.5 → 7.5; 90 → nothing.
        var result = SchemeEngine.Compute(PassLine85, new EvaluationInputs([Staff("A1", 90, "A"), Staff("A2", 80, "A"), Staff("A3", 77.5m, "A"), Staff("B1", 95, "B")]));
        var a = result.Units.Single(u => u.Key == "A");
        (a.Members, a.Average, a.BelowLine, a.HeadDeduction, a.Rank).ShouldBe((3, 82.5m, 2.5m, 2.5m, 2));
        ExplanationText.Chinese(a, PassLine85.PassLine).ShouldBe("A所 3 人平均 82.5 分,低于 85 分 2.5 分,部(所)长扣考核成绩 2.5 分");
        var b = result.Units.Single(u => u.Key == "B");
        (b.Average, b.BelowLine, b.HeadDeduction, b.Rank).ShouldBe((95m, 0m, 0m, 1));
        ExplanationText.Chinese(b, PassLine85.PassLine).ShouldBe("B所 1 人平均 95 分,达标");
        result.Subjects.Select(s => (s.Key, s.BelowLine, s.BelowLineDeduction)).ShouldBe(
            [("B1", 0m, 0m), ("A1", 0m, 0m), ("A2", 5m, 5m), ("A3", 7.5m, 7.5m)]);
        ExplanationText.Chinese(result.Subjects[3]).ShouldBe("员工A3 各部分合计 77.5 分(满分 100 分),总分 77.5 分,低于达标线 7.5 分,扣考核成绩 7.5 分");

        // With started points: ⌈2.5⌉ = 3 for the head, ⌈7.5⌉ = 8 for A3.
        var started = PassLine85 with { PassLine = PassLine85.PassLine! with { Shortfall = ShortfallPolicy.StartedPoint } };
        var again = SchemeEngine.Compute(started, new EvaluationInputs([Staff("A1", 90, "A"), Staff("A2", 80, "A"), Staff("A3", 77.5m, "A")]));
        again.Units[0].HeadDeduction.ShouldBe(3m);
        again.Subjects.Single(s => s.Key == "A3").BelowLineDeduction.ShouldBe(8m);
    }

    [Fact]
    public void An_overseer_gets_the_mean_of_the_units_they_oversee()
    {
        // L1 oversees A (82.5) and B (95): (82.5 + 95) / 2 = 88.75. L2 oversees C (70.33…→70.33).
        // C: (70 + 70 + 71) / 3 = 70.333… → 70.33.
        var result = SchemeEngine.Compute(PassLine85, new EvaluationInputs(
        [
            Staff("A1", 90, "A", "L1"), Staff("A2", 80, "A", "L1"), Staff("A3", 77.5m, "A", "L1"),
            Staff("B1", 95, "B", "L1"),
            Staff("C1", 70, "C", "L2"), Staff("C2", 70, "C", "L2"), Staff("C3", 71, "C", "L2"),
        ]));
        result.Overseers.Select(o => (o.Key, o.Name, string.Join(",", o.Units), o.Average, o.Rank)).ShouldBe(
            [("L1", "领导L1", "A,B", 88.75m, 1), ("L2", "领导L2", "C", 70.33m, 2)]);
        result.Units.Select(u => (u.Key, u.Average, u.Rank)).ShouldBe([("B", 95m, 1), ("A", 82.5m, 2), ("C", 70.33m, 3)]);

        SchemeEngine.Compute(PassLine85 with { OverseerAverage = false }, new EvaluationInputs([Staff("A1", 90, "A", "L1")])).Overseers.ShouldBeEmpty();
    }

    [Fact]
    public void Ties_share_a_rank_and_are_listed_by_key()
    {
        // 90, 85, 85, 80 → 1, 2, 2, 4 ("1224"); the tie is listed S2 before S3 whatever the input order.
        var result = SchemeEngine.Compute(PassLine85, new EvaluationInputs(
            [Staff("S4", 80, "A"), Staff("S3", 85, "A"), Staff("S1", 90, "A"), Staff("S2", 85, "A")]));
        result.Subjects.Select(s => (s.Key, s.Rank, s.PositionRank)).ShouldBe([("S1", 1, 1), ("S2", 2, 2), ("S3", 2, 2), ("S4", 4, 4)]);
    }

    [Fact]
    public void The_same_inputs_in_any_order_give_the_same_result()
    {
        var scheme = ShippedSchemes.Load("ycyc-dc-04");
        var inputs = YcycDc04Tests.Dataset();
        var first = SchemeEngine.Compute(scheme, inputs);
        var expected = JsonSerializer.Serialize(first);
        expected.ShouldContain("\"kind\":\"rate\",\"Numerator\":97"); // explanations are in the snapshot
        var lines = Lines(first);

        var random = new Random(7);
        for (var round = 0; round < 5; round++)
        {
            var shuffled = inputs with
            {
                Subjects = [.. inputs.Subjects.OrderBy(_ => random.Next()).Select(s => s with
                {
                    Indicators = [.. s.Indicators.OrderBy(_ => random.Next()).Select(i => i with
                    {
                        Households = i.Households?.OrderBy(_ => random.Next()).Select(h => h with { ItemCounts = Reversed(h.ItemCounts) }).ToList(),
                        Figures = Reversed(i.Figures),
                    })],
                })],
                References = Reversed(inputs.References)!,
            };
            var again = SchemeEngine.Compute(scheme, shuffled);
            JsonSerializer.Serialize(again).ShouldBe(expected);
            Lines(again).ShouldBe(lines);
        }
    }

    private static List<string> Lines(EvaluationResult result) =>
        [.. result.Subjects.SelectMany(s => s.Sections).SelectMany(s => s.Indicators).Select(i => ExplanationText.Chinese(i) + " | " + ExplanationText.English(i))];

    private static Dictionary<string, decimal>? Reversed(IReadOnlyDictionary<string, decimal>? source) =>
        source?.Reverse().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
