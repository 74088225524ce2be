using Norma.Rules.Evaluation;
using static Norma.UnitTests.Evaluation.EvaluationBuilder;

namespace Norma.UnitTests.Evaluation;

/// <summary>
/// The shipped YCYC-DC-04 scheme end to end on a small dataset: two units (兴庆所 A, 金凤所 B), one 客户经理, one
/// 专管员 and one 送货员 in each. Every expected number is worked out in the comments. 客户经理 trees are out of 120
/// and 送货员 trees out of 110, so their totals are rescaled to 100 (× 100 / 120, × 100 / 110).
/// </summary>
public class YcycDc04Tests
{
    internal static EvaluationInputs Dataset() => new(
    [
        // M1 客户经理, unit A, 60 customers → 5 % = 3 households.
        //   standard: H1 陈列 1 (1) + 库存 1 (2) → 17; H2 → 20; H3 小票 1 (2) → 18; (17 + 20 + 18) / 3 = 18.333… → 18.33
        //   gross-margin 9.5 % vs 10: 0.5 × 2 = 1 → 9
        //   stock-ratio 1300 / 1000 = 1.3 = 104 % of 1.25: 4 over × 2 = 8 → 2
        //   format-accuracy 1 × 2 → 8;  target-coverage 68 / 100 = 68 % vs 70: 2 × 1 → 8
        //   guidance 50 / 100 = 50 % vs 50 → 5;  info-awareness 80 / 100 = 80 % vs 85: 5 × 1 = 5 → 0
        //   complaints 1 × 2 → 18;  satisfaction 92 % vs 90 → 30
        //   raw 18.33 + (9 + 2 + 8 + 8 + 5 + 0) + 18 + 30 = 98.33 of 120 → 98.33 × 100 / 120 = 81.941… → 81.94
        new SubjectInput("M1", "马一", "manager", "A",
        [
            Households("standard", Household("H1", ("display-order", 1), ("stock", 1)), Household("H2"), Household("H3", ("receipts", 1))),
            Figures("gross-margin", ("grossMargin", 9.5m)),
            Figures("stock-ratio", ("stock", 1300), ("sales", 1000)),
            Count("format-accuracy", 1),
            Figures("target-coverage", ("listedCustomers", 68), ("targetCustomers", 100)),
            Figures("guidance", ("guidedCustomers", 50), ("customers", 100)),
            Figures("info-awareness", ("awareCustomers", 80), ("checkedCustomers", 100)),
            Count("complaints", 1),
            Figures("satisfaction", ("satisfaction", 92)),
        ]) { UnitName = "兴庆所", AreaCustomers = 60 },

        // M2 客户经理, unit B (rural: guidance target 40), 40 customers → 2 households.
        //   standard 20, 20 → 20;  gross-margin 11 % → 10;  stock-ratio 1000 / 1000 = 1.0 = 80 % of 1.25 (on the bound) → 10
        //   format-accuracy 0 → 10;  target-coverage 35 / 50 = 70 % → 10;  guidance 42 % vs 40 → 5;  info-awareness 86 % → 5
        //   complaints 0 → 20;  satisfaction 88.5 % vs 90: 1.5 × 2 = 3 → 27
        //   raw 20 + 50 + 20 + 27 = 117 of 120 → 117 × 100 / 120 = 97.5
        new SubjectInput("M2", "马二", "manager", "B",
        [
            Households("standard", Household("H1"), Household("H2")),
            Figures("gross-margin", ("grossMargin", 11)),
            Figures("stock-ratio", ("stock", 1000), ("sales", 1000)),
            Count("format-accuracy", 0),
            Figures("target-coverage", ("listedCustomers", 35), ("targetCustomers", 50)),
            Figures("guidance", ("guidedCustomers", 42), ("customers", 100), ("guidanceTarget", 40)),
            Figures("info-awareness", ("awareCustomers", 86), ("checkedCustomers", 100)),
            Count("complaints", 0),
            Figures("satisfaction", ("satisfaction", 88.5m)),
        ]) { UnitName = "金凤所", AreaCustomers = 40 },

        // S1 专管员, unit A, 80 customers → 4 households. 100-point tree, no rescaling.
        //   standard: H1 许可证 1 (1) + 政策知晓 1 (2) → 27; H2 价签 2 (2) → 28; H3 → 30; H4 鉴定 1 → 29; 114 / 4 = 28.5
        //   purification 97 % vs 98: 1 × 3 → 5 of 8;  law-abiding 1 × 2 → 4 of 6;  price-compliance 18 / 20 = 90 % → 6
        //   complaints 2 × 2 → 16;  satisfaction 90 % → 30
        //   total 28.5 + 5 + 4 + 6 + 16 + 30 = 89.5
        new SubjectInput("S1", "史一", "specialist", "A",
        [
            Households("standard", Household("H1", ("license", 1), ("policy-awareness", 1)), Household("H2", ("price-tags", 2)), Household("H3"), Household("H4", ("identification", 1))),
            Figures("purification", ("purificationRate", 97)),
            Count("law-abiding", 1),
            Figures("price-compliance", ("compliantHouseholds", 18), ("checkedHouseholds", 20)),
            Count("complaints", 2),
            Figures("satisfaction", ("satisfaction", 90)),
        ]) { UnitName = "兴庆所", AreaCustomers = 80 },

        // S2 专管员, unit B.
        //   standard: 30, 政策知晓 1 (2) → 28; 58 / 2 = 29;  purification 99 % → 8;  law-abiding 0 → 6
        //   price-compliance 17 / 20 = 85 % vs 90: 5 × 2 = 10 > 6 → 0;  complaints 0 → 20;  satisfaction 85 %: 5 × 2 = 10 → 20
        //   total 29 + 8 + 6 + 0 + 20 + 20 = 83
        new SubjectInput("S2", "史二", "specialist", "B",
        [
            Households("standard", Household("H1"), Household("H2", ("policy-awareness", 1))),
            Figures("purification", ("purificationRate", 99)),
            Count("law-abiding", 0),
            Figures("price-compliance", ("compliantHouseholds", 17), ("checkedHouseholds", 20)),
            Count("complaints", 0),
            Figures("satisfaction", ("satisfaction", 85)),
        ]) { UnitName = "金凤所" },

        // D1 送货员, unit A.
        //   standard: H1 签字 1 (2) → 18; H2 打码 1 + 记录 1 → 18; H3 → 20; 56 / 3 = 18.666… → 18.67
        //   on-time 97 / 100 = 97 % vs 100: 3 × 2 = 6 → 9 of 15;  safety 0 → 10;  route-plan not done → 5 − 5 = 0
        //   breakage 5 / 20000 = 0.025 % vs ≤ 0.01: 0.015 × 3 = 0.045, rounded 0.05 → 9.95
        //   complaints 0 → 20;  satisfaction 96 % vs 95 → 30
        //   raw 18.67 + 9 + 10 + 0 + 9.95 + 20 + 30 = 97.62 of 110 → 97.62 × 100 / 110 = 88.745… → 88.75
        new SubjectInput("D1", "邓一", "delivery", "A",
        [
            Households("standard", Household("H1", ("order-signed", 1)), Household("H2", ("code-match", 1), ("exchange-record", 1)), Household("H3")),
            Figures("on-time", ("onTimeDeliveries", 97), ("checkedDeliveries", 100)),
            Count("safety", 0),
            Count("route-plan", 1),
            Figures("breakage", ("damagedPacks", 5), ("deliveredPacks", 20000)),
            Count("complaints", 0),
            Figures("satisfaction", ("satisfaction", 96)),
        ]) { UnitName = "兴庆所" },

        // D2 送货员, unit B, 60 customers → 3 households but only 2 checked (a warning).
        //   standard: 20, 现金态度 1 (2) → 18; 38 / 2 = 19;  on-time 100 % → 15;  safety: an accident → 0;  route-plan done → 5
        //   breakage: nothing delivered → zero denominator → not applicable, its 10 points are taken out
        //   complaints 6 × 2 = 12 → 8;  satisfaction 93 % vs 95: 2 × 2 = 4 → 26
        //   raw 19 + 15 + 0 + 5 + 8 + 26 = 73 of 100 applicable → 73 × 100 / 100 = 73
        new SubjectInput("D2", "邓二", "delivery", "B",
        [
            Households("standard", Household("H1"), Household("H2", ("cash-attitude", 1))),
            Figures("on-time", ("onTimeDeliveries", 100), ("checkedDeliveries", 100)),
            Count("safety", 1),
            Count("route-plan", 0),
            Figures("breakage", ("damagedPacks", 0), ("deliveredPacks", 0)),
            Count("complaints", 6),
            Figures("satisfaction", ("satisfaction", 93)),
        ]) { UnitName = "金凤所", AreaCustomers = 60 },
    ])
    {
        References = Dict(("socialStockRatio", 1.25m)),
    };

    private static readonly EvaluationResult Result = SchemeEngine.Compute(ShippedSchemes.Load("ycyc-dc-04"), Dataset());

    private static SubjectResult Subject(string key) => Result.Subjects.Single(s => s.Key == key);

    private static IndicatorResult Indicator(string subject, string key) =>
        Subject(subject).Sections.SelectMany(s => s.Indicators).Single(i => i.Key == key);

    [Fact]
    public void Totals_ranks_and_below_line_deductions()
    {
        // Ranked: M2 97.5, S1 89.5, D1 88.75, S2 83, M1 81.94, D2 73.
        // Below 85: S2 by 2, M1 by 3.06, D2 by 12 — each loses that many points (第十九条, 1 per point).
        Result.Subjects.Select(s => (s.Key, s.Total, s.Rank, s.PositionRank, s.BelowLineDeduction)).ShouldBe(
        [
            ("M2", 97.5m, 1, 1, 0m),
            ("S1", 89.5m, 2, 1, 0m),
            ("D1", 88.75m, 3, 1, 0m),
            ("S2", 83m, 4, 2, 2m),
            ("M1", 81.94m, 5, 2, 3.06m),
            ("D2", 73m, 6, 2, 12m),
        ]);
    }

    [Fact]
    public void Section_subtotals_and_raw_sums()
    {
        Subject("M1").Sections.Select(s => (s.Name, s.Score, s.Max)).ShouldBe(
            [("标准服务", 18.33m, 20m), ("提升服务", 32m, 50m), ("客户投诉", 18m, 20m), ("满意度测评", 30m, 30m)]);
        (Subject("M1").RawScore, Subject("M1").ApplicableMax).ShouldBe((98.33m, 120m));
        Subject("S1").Sections.Select(s => s.Score).ShouldBe([28.5m, 15m, 16m, 30m]);
        (Subject("D1").RawScore, Subject("D1").ApplicableMax).ShouldBe((97.62m, 110m));
        Subject("D2").Sections[1].Score.ShouldBe(20m); // 15 + 0 + 5, breakage not applicable
        Subject("D2").Sections[1].Max.ShouldBe(30m); // 40 − 10
        (Subject("D2").RawScore, Subject("D2").ApplicableMax, Subject("D2").Factor).ShouldBe((73m, 100m, 1m));
        Indicator("D2", "breakage").Status.ShouldBe(IndicatorStatus.NotApplicable);
    }

    [Fact]
    public void Indicator_scores_with_their_explanations()
    {
        Indicator("M1", "standard").Score.ShouldBe(18.33m);
        Indicator("M1", "gross-margin").Score.ShouldBe(9m);
        Indicator("M1", "stock-ratio").Score.ShouldBe(2m);
        Indicator("M1", "info-awareness").Score.ShouldBe(0m);
        Indicator("M2", "guidance").Score.ShouldBe(5m);
        Indicator("M2", "satisfaction").Score.ShouldBe(27m);
        Indicator("S2", "price-compliance").Score.ShouldBe(0m);
        Indicator("D1", "breakage").Score.ShouldBe(9.95m);
        Indicator("D1", "route-plan").Score.ShouldBe(0m);
        Indicator("D2", "safety").Score.ShouldBe(0m);

        ExplanationText.Chinese(Indicator("D1", "on-time")).ShouldBe("送货及时率 97.0 %(97/100),目标 100 %,差 3.0 个百分点 × 2 分 = 扣 6 分,得 9 分");
        ExplanationText.Chinese(Indicator("M1", "stock-ratio")).ShouldBe("片区存销比 1.3(1300/1000),为参照值 1.25 的 104.0 %,应在 80 %–100 % 之间,超 4.0 个百分点 × 2 分 = 扣 8 分,得 2 分");
        ExplanationText.Chinese(Indicator("M1", "standard")).ShouldBe(
            "标准服务(理货、订单指导、新品推介、客户帮助) 抽查 3 户,共不符 3 项(卷烟陈列干净整齐、按牌号次序摆放 1 项 × 1 分、查看并记录库存,了解积压或缺货原因 1 项 × 2 分、订货小票按时间顺序装订并注明业态、金额等 1 项 × 2 分),各户得分 H1 17、H2 20、H3 18,平均得 18.33 分");
        ExplanationText.Chinese(Indicator("M2", "complaints")).ShouldBe("有理投诉 未发生,得 20 分");
        ExplanationText.Chinese(Indicator("D2", "complaints")).ShouldBe("有理投诉 发生 6 起 × 2 分 = 扣 12 分,得 8 分");
        ExplanationText.Chinese(Indicator("D1", "breakage")).ShouldBe("送货作业卷烟商品破损率 0.025 %(5/20000),上限 0.01 %,超 0.015 个百分点 × 3 分 = 扣 0.05 分,得 9.95 分");
        ExplanationText.Chinese(Subject("M1")).ShouldBe("马一 各部分合计 98.33 分(满分 120 分),折算 98.33 × 100 / 120 = 总分 81.94 分,低于达标线 3.06 分,扣考核成绩 3.06 分");
        Indicator("D1", "on-time").Clause.ShouldBe("YCYC-DC-04 第六条(3)1)");
    }

    [Fact]
    public void Units_are_averaged_and_the_head_of_a_unit_below_85_loses_the_difference()
    {
        // A: (81.94 + 89.5 + 88.75) / 3 = 260.19 / 3 = 86.73 → 达标.
        // B: (97.5 + 83 + 73) / 3 = 253.5 / 3 = 84.5 → 0.5 below → 部(所)长 loses 0.5.
        var scheme = ShippedSchemes.Load("ycyc-dc-04");
        Result.Units.Select(u => (u.Key, u.Name, u.Members, u.Average, u.Rank, u.BelowLine, u.HeadDeduction)).ShouldBe(
            [("A", "兴庆所", 3, 86.73m, 1, 0m, 0m), ("B", "金凤所", 3, 84.5m, 2, 0.5m, 0.5m)]);
        ExplanationText.Chinese(Result.Units[1], scheme.PassLine).ShouldBe("金凤所 3 人平均 84.5 分,低于 85 分 0.5 分,部(所)长扣考核成绩 0.5 分");
        ExplanationText.Chinese(Result.Units[0], scheme.PassLine).ShouldBe("兴庆所 3 人平均 86.73 分,达标");
        Result.Overseers.ShouldBeEmpty();
    }

    [Fact]
    public void Only_the_short_sample_and_the_schemes_own_sums_are_reported()
    {
        var problem = Result.InputProblems.ShouldHaveSingleItem();
        (problem.Code, problem.SubjectKey, problem.Severity).ShouldBe((InputProblemCodes.SampleTooSmall, "D2", ProblemSeverity.Warning));
        Result.SchemeProblems.Select(p => p.Code).ShouldBe([SchemeProblemCodes.MaximaNot100, SchemeProblemCodes.MaximaNot100]);
        Result.CanPublish.ShouldBeTrue();
        (Result.SchemeCode, Result.SchemeVersion).ShouldBe(("YCYC-DC-04", "A/0"));
    }

    [Fact]
    public void A_missing_satisfaction_survey_blocks_publication()
    {
        var inputs = Dataset();
        var m1 = inputs.Subjects[0];
        var withoutSurvey = inputs with { Subjects = [m1 with { Indicators = [.. m1.Indicators.Where(i => i.Indicator != "satisfaction")] }, .. inputs.Subjects.Skip(1)] };
        var result = SchemeEngine.Compute(ShippedSchemes.Load("ycyc-dc-04"), withoutSurvey);
        // M1 loses the 30 satisfaction points: 68.33 × 100 / 120 = 56.941… → 56.94.
        result.Subjects.Single(s => s.Key == "M1").Total.ShouldBe(56.94m);
        result.InputProblems.Select(p => (p.Code, p.SubjectKey, p.IndicatorKey, p.Severity)).ShouldContain((InputProblemCodes.MissingData, "M1", "satisfaction", ProblemSeverity.Error));
        result.CanPublish.ShouldBeFalse();
    }
}
