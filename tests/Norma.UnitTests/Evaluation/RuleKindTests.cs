using Norma.Rules.Evaluation;
using static Norma.UnitTests.Evaluation.EvaluationBuilder;

namespace Norma.UnitTests.Evaluation;

/// <summary>Every rule kind with hand-computed numbers; the arithmetic is in the comments.</summary>
public class RuleKindTests
{
    private static readonly Indicator OnTime = Ind("on-time", 40, new RateRule("onTime", "deliveries", 100, 2), "送货及时率");

    private static IndicatorResult Rate(decimal numerator, decimal denominator, Indicator? indicator = null) =>
        ScoreOne(indicator ?? OnTime, Figures((indicator ?? OnTime).Key, ("onTime", numerator), ("deliveries", denominator)));

    [Fact]
    public void A_rate_exactly_at_target_gets_full_marks()
    {
        // 100 / 100 = 100 %, target 100 %: nothing short → 40.
        var r = Rate(100, 100);
        (r.Status, r.Score, r.Deduction).ShouldBe((IndicatorStatus.Scored, 40m, 0m));
        ExplanationText.Chinese(r).ShouldBe("送货及时率 100.0 %(100/100),目标 100 %,达标,得 40 分");
        ExplanationText.English(r).ShouldBe("送货及时率: 100.0 % (100/100), target 100 %, met, score 40");
    }

    [Fact]
    public void A_rate_just_below_target_loses_a_fraction_of_a_point()
    {
        // 999 / 1000 = 99.9 %: 0.1 point short × 2 = 0.2 → 40 − 0.2 = 39.8.
        var r = Rate(999, 1000);
        (r.Score, r.Deduction).ShouldBe((39.8m, 0.2m));
        r.Explanation.ShouldBeOfType<RateExplanation>().Charge.Gap.ShouldBe(0.1m);
    }

    [Fact]
    public void A_rate_three_points_short_reads_as_the_seed_example()
    {
        // 97 %, target 100 %: 3 points short × 2 = 6 → 40 − 6 = 34.
        var indicator = Ind("on-time", 40, new RateRule("onTimeRate", null, 100, 2), "送货及时率");
        var r = ScoreOne(indicator, Figures("on-time", ("onTimeRate", 97)));
        (r.Score, r.Deduction).ShouldBe((34m, 6m));
        ExplanationText.Chinese(r).ShouldBe("送货及时率 97.0 %,目标 100 %,差 3.0 个百分点 × 2 分 = 扣 6 分,得 34 分");
        ExplanationText.English(r).ShouldBe("送货及时率: 97.0 %, target 100 %, 3.0 percentage points short × 2 = 6 deducted, score 34");
    }

    [Fact]
    public void A_rate_far_below_target_is_capped_at_the_maximum()
    {
        // 70 %: 30 points short × 2 = 60 > 40 → 0 (扣完为止), not −20.
        var r = Rate(70, 100);
        (r.Score, r.Deduction).ShouldBe((0m, 40m));
        var charge = r.Explanation.ShouldBeOfType<RateExplanation>().Charge;
        (charge.Gap, charge.Steps, charge.Deduction, charge.Capped).ShouldBe((30m, 30m, 60m, true));
        ExplanationText.Chinese(r).ShouldBe("送货及时率 70.0 %(70/100),目标 100 %,差 30.0 个百分点 × 2 分 = 扣 60 分,以满分 40 分为限,得 0 分");
    }

    [Theory]
    // 97.4 % vs 100 %, 2 points per point: 2.6 points short.
    [InlineData(ShortfallPolicy.Proportional, 5.2, 34.8)] // 2.6 × 2 = 5.2
    [InlineData(ShortfallPolicy.StartedPoint, 6, 34)] // ⌈2.6⌉ = 3 × 2 = 6
    [InlineData(ShortfallPolicy.WholePoint, 4, 36)] // ⌊2.6⌋ = 2 × 2 = 4
    public void Fractional_shortfall_policies(ShortfallPolicy policy, decimal deduction, decimal score)
    {
        var indicator = Ind("on-time", 40, new RateRule("onTime", "deliveries", 100, 2) { Shortfall = policy }, "送货及时率");
        var r = Rate(974, 1000, indicator);
        (r.Deduction, r.Score).ShouldBe((deduction, score));
    }

    [Fact]
    public void The_started_and_whole_point_policies_say_so_in_the_text()
    {
        var started = Rate(974, 1000, Ind("on-time", 40, new RateRule("onTime", "deliveries", 100, 2) { Shortfall = ShortfallPolicy.StartedPoint }, "送货及时率"));
        ExplanationText.Chinese(started).ShouldBe("送货及时率 97.4 %(974/1000),目标 100 %,差 2.6 个百分点,不足 1 个按 1 个计,计 3 × 2 分 = 扣 6 分,得 34 分");
        var whole = Rate(974, 1000, Ind("on-time", 40, new RateRule("onTime", "deliveries", 100, 2) { Shortfall = ShortfallPolicy.WholePoint }, "送货及时率"));
        ExplanationText.Chinese(whole).ShouldBe("送货及时率 97.4 %(974/1000),目标 100 %,差 2.6 个百分点,按整数计 2 × 2 分 = 扣 4 分,得 36 分");
    }

    [Theory]
    [InlineData(ZeroDenominatorOutcome.FullMarks, IndicatorStatus.Scored, true, 40)]
    [InlineData(ZeroDenominatorOutcome.Zero, IndicatorStatus.Scored, true, 0)]
    [InlineData(ZeroDenominatorOutcome.NotApplicable, IndicatorStatus.NotApplicable, false, 0)]
    public void A_zero_denominator_scores_as_the_rule_declares(ZeroDenominatorOutcome outcome, IndicatorStatus status, bool counted, decimal score)
    {
        var indicator = Ind("on-time", 40, new RateRule("onTime", "deliveries", 100, 2) { ZeroDenominator = outcome }, "送货及时率");
        var r = Rate(0, 0, indicator);
        (r.Status, r.Counted, r.Score).ShouldBe((status, counted, score));
        r.Explanation.ShouldBeOfType<RateExplanation>().ZeroDenominator.ShouldBeTrue();
    }

    [Fact]
    public void A_not_applicable_indicator_is_taken_out_and_the_total_rescaled()
    {
        // on-time (40) has nothing delivered → not applicable. complaints (60): 1 × 2 = 2 → 58.
        // Total = 58 × 100 / 60 = 96.666… → 96.67 (the 40 points are rescaled away, not given or lost).
        var scheme = Scheme(OnTime, Ind("complaints", 60, new PerEventRule(2)));
        var result = Run(scheme, Subject("S1", Figures("on-time", ("onTime", 0), ("deliveries", 0)), Count("complaints", 1)));
        var s = result.Subjects.ShouldHaveSingleItem();
        (s.RawScore, s.ApplicableMax, s.Total).ShouldBe((58m, 60m, 96.67m));
        s.Sections[0].Max.ShouldBe(60m);
        ExplanationText.Chinese(s.Sections[0].Indicators[0]).ShouldBe("送货及时率 分母为 0,不适用,不计入总分(总分按其余指标折算)");
        ExplanationText.Chinese(s).ShouldBe("S1 各部分合计 58 分(满分 60 分),折算 58 × 100 / 60 = 总分 96.67 分");
        result.CanPublish.ShouldBeTrue();
    }

    [Fact]
    public void An_at_most_rate_loses_points_per_step_over_the_limit()
    {
        // 破损率 3 / 10000 = 0.03 %, limit 0.01 %: 0.02 points over × 3 = 0.06 → 10 − 0.06 = 9.94.
        var perPoint = Ind("breakage", 10, new RateRule("damaged", "delivered", 0.01m, 3) { Direction = RateDirection.AtMost }, "破损率");
        var r = ScoreOne(perPoint, Figures("breakage", ("damaged", 3), ("delivered", 10000)));
        r.Score.ShouldBe(9.94m);
        ExplanationText.Chinese(r).ShouldBe("破损率 0.03 %(3/10000),上限 0.01 %,超 0.02 个百分点 × 3 分 = 扣 0.06 分,得 9.94 分");

        // The same per 0.01 point (每超 0.1‰): 0.02 / 0.01 = 2 steps × 3 = 6 → 4.
        var perStep = Ind("breakage", 10, new RateRule("damaged", "delivered", 0.01m, 3) { Direction = RateDirection.AtMost, Step = 0.01m }, "破损率");
        ScoreOne(perStep, Figures("breakage", ("damaged", 3), ("delivered", 10000))).Score.ShouldBe(4m);

        // At or under the limit: full marks.
        ScoreOne(perPoint, Figures("breakage", ("damaged", 1), ("delivered", 10000))).Score.ShouldBe(10m);
    }

    [Fact]
    public void A_subject_figure_replaces_the_target_when_the_rule_names_one()
    {
        // 经营指导面 45 %: 城市 target 50 → 5 short × 2 = 10 → capped to 0 of 5; 农村 (guidanceTarget 40) → met → 5.
        var indicator = Ind("guidance", 5, new RateRule("guided", "customers", 50, 2) { TargetMetric = "guidanceTarget" });
        ScoreOne(indicator, Figures("guidance", ("guided", 45), ("customers", 100))).Score.ShouldBe(0m);
        var rural = ScoreOne(indicator, Figures("guidance", ("guided", 45), ("customers", 100), ("guidanceTarget", 40)));
        (rural.Score, rural.Explanation.ShouldBeOfType<RateExplanation>().Target).ShouldBe((5m, 40m));
    }

    private static readonly Indicator StockRatio = Ind("stock-ratio", 10, new BandRule("stock", "sales", 80, 100, 2) { Reference = "social" }, "片区存销比");

    private static IndicatorResult Band(decimal stock, decimal sales, Indicator? indicator = null) =>
        ScoreOne(indicator ?? StockRatio, Figures("stock-ratio", ("stock", stock), ("sales", sales)), Dict(("social", 1.2m)));

    [Fact]
    public void A_band_value_inside_or_on_its_bounds_gets_full_marks()
    {
        Band(110, 100).Score.ShouldBe(10m); // 1.1 / 1.2 = 91.67 % of the reference, within 80–100
        Band(120, 100).Score.ShouldBe(10m); // 1.2 / 1.2 = 100 %: on the upper bound
        Band(96, 100).Score.ShouldBe(10m); // 0.96 / 1.2 = 80 %: on the lower bound
        ExplanationText.Chinese(Band(110, 100)).ShouldBe("片区存销比 1.1(110/100),为参照值 1.2 的 91.67 %,应在 80 %–100 % 之间,在区间内,得 10 分");
    }

    [Fact]
    public void A_band_value_above_the_upper_bound_loses_points_per_percent_of_the_reference()
    {
        // 125 / 100 = 1.25; 1.25 / 1.2 = 104.1666… %; 4.1666… over × 2 = 8.3333… → 10 − 8.3333… = 1.6666… → 1.67.
        var r = Band(125, 100);
        (r.Score, r.Deduction).ShouldBe((1.67m, 8.33m));
        var band = r.Explanation.ShouldBeOfType<BandExplanation>();
        (band.Direction, band.Bound, band.RawValue, band.Charge.Steps).ShouldBe((RateDirection.AtMost, 100m, 1.25m, 125m / 1.2m - 100m));
        ExplanationText.Chinese(r).ShouldBe("片区存销比 1.25(125/100),为参照值 1.2 的 104.17 %,应在 80 %–100 % 之间,超 4.17 个百分点 × 2 分 = 扣 8.33 分,得 1.67 分");
    }

    [Fact]
    public void A_band_value_below_the_lower_bound_loses_points_too()
    {
        // 93 / 100 = 0.93; 0.93 / 1.2 = 77.5 %; 2.5 under 80 × 2 = 5 → 5.
        var r = Band(93, 100);
        var band = r.Explanation.ShouldBeOfType<BandExplanation>();
        (r.Score, band.Bound, band.Direction, band.Charge.Gap).ShouldBe((5m, 80m, RateDirection.AtLeast, 2.5m));
        // Started points: ⌈2.5⌉ = 3 × 2 = 6 → 4.
        var started = Ind("stock-ratio", 10, new BandRule("stock", "sales", 80, 100, 2) { Reference = "social", Shortfall = ShortfallPolicy.StartedPoint }, "片区存销比");
        Band(93, 100, started).Score.ShouldBe(4m);
    }

    [Fact]
    public void A_band_without_a_reference_works_in_the_values_own_units()
    {
        // 17 against [10, 15], 1 point per unit: 2 over → 8.
        var indicator = Ind("days", 10, new BandRule("days", null, 10, 15, 1), "周转天数");
        var r = ScoreOne(indicator, Figures("days", ("days", 17)));
        r.Score.ShouldBe(8m);
        ExplanationText.Chinese(r).ShouldBe("周转天数 17,应在 10–15 之间,超 2 × 1 分 = 扣 2 分,得 8 分");
    }

    [Fact]
    public void A_band_without_its_reference_figure_has_no_data()
    {
        var r = ScoreOne(StockRatio, Figures("stock-ratio", ("stock", 110), ("sales", 100)));
        (r.Status, r.Score).ShouldBe((IndicatorStatus.NoData, 0m));
        r.Explanation.ShouldBeOfType<UnscoredExplanation>().Problem.ShouldBe("缺少参照数据项 social");
    }

    [Fact]
    public void Deductions_summed_over_checks_stop_at_zero()
    {
        var cleaning = Ind("cleaning", 10, new DeductionRule(1), "清洁卫生", "inspections");
        // 3 nonconformities × 1 = 3 → 7.
        var three = ScoreOne(cleaning, Count("cleaning", 3));
        three.Score.ShouldBe(7m);
        ExplanationText.Chinese(three).ShouldBe("清洁卫生 不符 3 项 × 1 分 = 扣 3 分,得 7 分");
        // 12 × 1 = 12 > 10 → 0 (扣完为止).
        var twelve = ScoreOne(cleaning, Count("cleaning", 12));
        (twelve.Score, twelve.Deduction, twelve.Explanation.ShouldBeOfType<DeductionExplanation>().Capped).ShouldBe((0m, 10m, true));
        ExplanationText.Chinese(twelve).ShouldBe("清洁卫生 不符 12 项 × 1 分 = 扣 12 分,扣完为止,得 0 分");
        ExplanationText.Chinese(ScoreOne(cleaning, Count("cleaning", 0))).ShouldBe("清洁卫生 无不符项,得 10 分");
    }

    private static readonly Indicator Standard = Ind("standard", 20, new DeductionRule(1)
    {
        PerHousehold = true,
        Items = [new CheckItem("display", "卷烟陈列"), new CheckItem("stock", "卷烟库存") { Points = 2 }, new CheckItem("tags", "价签维护")],
    }, "标准服务", "field-check");

    [Fact]
    public void Check_items_carry_their_own_points()
    {
        // display 2 × 1 + stock 1 × 2 = 4 → 20 − 4 = 16.
        var indicator = Standard with { Rule = ((DeductionRule)Standard.Rule) with { PerHousehold = false } };
        var r = ScoreOne(indicator, Items("standard", ("display", 2), ("stock", 1)));
        r.Score.ShouldBe(16m);
        r.Explanation.ShouldBeOfType<DeductionExplanation>().Items!.Select(i => (i.Key, i.Count, i.Points)).ShouldBe([("display", 2m, 1m), ("stock", 1m, 2m)]);
        ExplanationText.Chinese(r).ShouldBe("标准服务 不符 3 项(卷烟陈列 2 项 × 1 分、卷烟库存 1 项 × 2 分) = 扣 4 分,得 16 分");
    }

    [Fact]
    public void Per_household_deductions_are_scored_per_household_then_averaged()
    {
        // H1: display 1 → 19; H2: stock 1 (2) + tags 1 → 20 − 3 = 17; H3: none → 20. Mean = 56 / 3 = 18.666… → 18.67.
        var r = ScoreOne(Standard, Households("standard",
            Household("H2", ("stock", 1), ("tags", 1)),
            Household("H1", ("display", 1)),
            Household("H3")));
        r.Score.ShouldBe(18.67m);
        r.Explanation.ShouldBeOfType<DeductionExplanation>().Households!.Select(h => (h.Household, h.Score)).ShouldBe([("H1", 19m), ("H2", 17m), ("H3", 20m)]);
        ExplanationText.Chinese(r).ShouldBe("标准服务 抽查 3 户,共不符 3 项(卷烟陈列 1 项 × 1 分、卷烟库存 1 项 × 2 分、价签维护 1 项 × 1 分),各户得分 H1 19、H2 17、H3 20,平均得 18.67 分");
    }

    [Fact]
    public void Each_household_stops_at_zero_before_the_average()
    {
        // H1: 25 nonconformities → 0 (not −5); H2: none → 20. Mean (0 + 20) / 2 = 10, not (40 − 25) / 2 = 7.5.
        var r = ScoreOne(Standard, Households("standard", Household("H1", ("display", 25)), Household("H2")));
        r.Score.ShouldBe(10m);
        r.Explanation.ShouldBeOfType<DeductionExplanation>().Capped.ShouldBeTrue();
    }

    [Fact]
    public void Deduction_inputs_that_do_not_fit_the_rule_are_reported_not_guessed()
    {
        var unknown = ScoreOne(Standard, Households("standard", Household("H1", ("dust", 1))));
        (unknown.Status, unknown.Score).ShouldBe((IndicatorStatus.Invalid, 0m));
        unknown.Explanation.ShouldBeOfType<UnscoredExplanation>().Problem.ShouldBe("检查项 “dust” 不在方案中");

        ScoreOne(Standard, Households("standard")).Status.ShouldBe(IndicatorStatus.NoData);
        ScoreOne(Standard, Households("standard", Household("H1", ("display", -1)))).Status.ShouldBe(IndicatorStatus.Invalid);
    }

    [Fact]
    public void Too_few_sampled_households_is_a_warning()
    {
        // 5 % of 100 customers = 5 households; 3 were checked.
        var scheme = Scheme(Standard) with { Sampling = new SamplingRule(5, 1), TotalPolicy = TotalPolicy.NormalizeTo100 };
        var subject = Subject("S1", Households("standard", Household("H1"), Household("H2"), Household("H3"))) with { AreaCustomers = 100 };
        var result = Run(scheme, subject);
        var problem = result.InputProblems.ShouldHaveSingleItem();
        (problem.Code, problem.Severity, problem.IndicatorKey).ShouldBe((InputProblemCodes.SampleTooSmall, ProblemSeverity.Warning, "standard"));
        problem.Message.ShouldBe("“S1”的指标“标准服务”只抽查了 3 户,按 5 % 抽样(100 户)应至少抽查 5 户");
        result.CanPublish.ShouldBeTrue();
        new SamplingRule(5, 3).SampleSize(40).ShouldBe(3); // 5 % of 40 = 2, at least 3
        new SamplingRule(5, 1).SampleSize(41).ShouldBe(3); // ⌈2.05⌉ = 3
        new SamplingRule(5, 10).SampleSize(4).ShouldBe(4); // never more than all
    }

    [Fact]
    public void Per_event_points_stop_at_zero()
    {
        var complaints = Ind("complaints", 20, new PerEventRule(2), "有理投诉", "complaints");
        var three = ScoreOne(complaints, Count("complaints", 3));
        three.Score.ShouldBe(14m); // 3 × 2 = 6 → 14
        ExplanationText.Chinese(three).ShouldBe("有理投诉 发生 3 起 × 2 分 = 扣 6 分,得 14 分");
        ScoreOne(complaints, Count("complaints", 11)).Score.ShouldBe(0m); // 22 > 20 → 0
        ExplanationText.Chinese(ScoreOne(complaints, Count("complaints", 0))).ShouldBe("有理投诉 未发生,得 20 分");
    }

    [Fact]
    public void All_or_nothing_and_a_fixed_penalty()
    {
        var safety = Ind("safety", 10, new FixedRule(FixedMode.AllOrNothing), "安全保障");
        ScoreOne(safety, Count("safety", 0)).Score.ShouldBe(10m);
        var accident = ScoreOne(safety, Count("safety", 1));
        accident.Score.ShouldBe(0m);
        ExplanationText.Chinese(accident).ShouldBe("安全保障 发生 1 起,不得分,得 0 分");

        // 未完成扣5分 on a 10-point indicator: once, however many → 5.
        var plan = Ind("route-plan", 10, new FixedRule(FixedMode.Penalty) { Points = 5 }, "线路优化");
        ScoreOne(plan, Count("route-plan", 0)).Score.ShouldBe(10m);
        var notDone = ScoreOne(plan, Count("route-plan", 3));
        notDone.Score.ShouldBe(5m);
        ExplanationText.Chinese(notDone).ShouldBe("线路优化 发生 3 起,扣 5 分,得 5 分");
    }

    [Fact]
    public void A_manual_score_needs_its_evidence_note()
    {
        var basic = Ind("basic", 40, new ManualRule(), "基础管理", "manual");
        var ok = ScoreOne(basic, Manual("basic", 36, "制度台账缺两项"));
        ok.Score.ShouldBe(36m);
        ExplanationText.Chinese(ok).ShouldBe("基础管理 评分 36 分(满分 40 分),依据:制度台账缺两项");

        var result = Run(Scheme(basic), Subject("S1", Manual("basic", 36, " ")));
        var r = result.Subjects[0].Sections[0].Indicators[0];
        (r.Status, r.Score).ShouldBe((IndicatorStatus.Invalid, 0m));
        var problem = result.InputProblems.ShouldHaveSingleItem();
        (problem.Code, problem.Severity).ShouldBe((InputProblemCodes.ManualNoteMissing, ProblemSeverity.Error));
        problem.Message.ShouldBe("“S1”的指标“基础管理”数据有误:评分 36 分没有附评分依据(note)");
        result.CanPublish.ShouldBeFalse();

        ScoreOne(basic, Manual("basic", 45, "超出满分")).Status.ShouldBe(IndicatorStatus.Invalid);
        ScoreOne(Ind("basic", 40, new ManualRule { RequireNote = false }), Manual("basic", 30, null)).Score.ShouldBe(30m);
    }

    [Fact]
    public void A_bonus_is_capped_and_added_after_the_total()
    {
        // Base 100 − 1 × 2 = 98; bonus 3 × 1 = 3, capped at 2 → 98 + 2 = 100.
        var scheme = Scheme(Ind("complaints", 100, new PerEventRule(2)), Ind("innovation", 2, new BonusRule(1), "创新加分")) with { AllowBonus = true };
        var s = Run(scheme, Subject("S1", Count("complaints", 1), Count("innovation", 3))).Subjects[0];
        (s.RawScore, s.Bonus, s.Total).ShouldBe((98m, 2m, 100m));
        var bonus = s.Sections[0].Indicators[1];
        (bonus.Score, bonus.Deduction, bonus.Explanation.ShouldBeOfType<CountExplanation>().Capped).ShouldBe((2m, 0m, true));
        ExplanationText.Chinese(bonus).ShouldBe("创新加分 3 × 1 分 = 3 分,以 2 分为限,加 2 分");
        s.Sections[0].Bonus.ShouldBe(2m);
        s.Sections[0].Max.ShouldBe(100m);

        // With no complaints: 100 + 2 = 102, capped at 100 unless the scheme lets bonuses exceed it.
        Run(scheme, Subject("S1", Count("complaints", 0), Count("innovation", 3))).Subjects[0].Total.ShouldBe(100m);
        Run(scheme with { BonusAboveTotal = true }, Subject("S1", Count("complaints", 0), Count("innovation", 3))).Subjects[0].Total.ShouldBe(102m);
    }

    [Fact]
    public void A_bonus_in_a_scheme_that_does_not_allow_bonuses_is_an_error()
    {
        var scheme = Scheme(Ind("complaints", 100, new PerEventRule(2)), Ind("innovation", 2, new BonusRule(1), "创新加分"));
        var problem = SchemeValidator.Validate(scheme).Problems.ShouldHaveSingleItem();
        (problem.Code, problem.Path).ShouldBe((SchemeProblemCodes.BonusNotAllowed, "$.positions[0].sections[0].indicators[1].rule"));
        Run(scheme, Subject("S1", Count("complaints", 0), Count("innovation", 1))).CanPublish.ShouldBeFalse();
    }
}
