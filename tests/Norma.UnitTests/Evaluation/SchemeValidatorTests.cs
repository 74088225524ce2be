using Norma.Rules.Evaluation;
using static Norma.UnitTests.Evaluation.EvaluationBuilder;

namespace Norma.UnitTests.Evaluation;

public class SchemeValidatorTests
{
    [Fact]
    public void The_shipped_ycyc_scheme_reports_its_120_and_110_point_trees_but_can_be_published_normalized()
    {
        var validation = SchemeValidator.Validate(ShippedSchemes.Load("ycyc-dc-04"));
        validation.Problems.Select(p => (p.Code, p.Severity, p.Path, p.Message)).ShouldBe(
        [
            (SchemeProblemCodes.MaximaNot100, ProblemSeverity.Warning, "$.positions[0]", "客户经理 的各部分满分合计 120 分,不等于 100 分;按总分规则 normalizeTo100 折算为百分制(得分 × 100 / 120)"),
            (SchemeProblemCodes.MaximaNot100, ProblemSeverity.Warning, "$.positions[2]", "送货员 的各部分满分合计 110 分,不等于 100 分;按总分规则 normalizeTo100 折算为百分制(得分 × 100 / 110)"),
        ]);
        validation.CanPublish.ShouldBeTrue();
    }

    [Fact]
    public void Under_policy_none_the_seeds_own_maxima_are_errors_and_block_publication()
    {
        var validation = SchemeValidator.Validate(ShippedSchemes.Load("ycyc-dc-04") with { TotalPolicy = TotalPolicy.None });
        validation.Problems.Select(p => p.Message).ShouldBe(["客户经理 的各部分满分合计 120 分,不等于 100 分", "送货员 的各部分满分合计 110 分,不等于 100 分"]);
        validation.Problems.ShouldAllBe(p => p.Severity == ProblemSeverity.Error);
        validation.CanPublish.ShouldBeFalse();
    }

    [Fact]
    public void The_other_shipped_schemes_are_clean()
    {
        SchemeValidator.Validate(ShippedSchemes.Load("property-10x10")).Problems.ShouldBeEmpty();
        SchemeValidator.Validate(ShippedSchemes.Load("dept-100")).Problems.ShouldBeEmpty();
    }

    [Fact]
    public void Keys_maxima_sources_and_rule_parameters_are_checked_in_document_order()
    {
        var scheme = new EvaluationScheme("", "测试", "1", PeriodType.Month,
        [
            new Position("staff", "岗位",
            [
                new Section("a", "甲", [
                    Ind("x", 0, new PerEventRule(2), "零分指标"),
                    Ind("x", 10, new RateRule("ok", null, 120, 2), "重复指标"),
                    Ind("y", 10, new BandRule("v", null, 90, 80, 1), "倒置区间", "Cases.on-time"),
                    Ind("z", 10, new DeductionRule(-1), "负扣分", "ledger"),
                    Ind("w", 5, new FixedRule(FixedMode.Penalty), "缺扣分"),
                    Ind("1bad", 10, new RateRule("bad name", null, 90, 0), "坏标识"),
                ]) { Max = 50 },
                new Section("a", "重复部分", [Ind("v", 65, new DeductionRule(1) { PerHousehold = true, Items = [new CheckItem("i", "项"), new CheckItem("i", "项")] })]),
            ]),
        ]);
        var problems = SchemeValidator.Validate(scheme).Problems;
        problems.Select(p => (p.Code, p.Path)).ShouldBe(
        [
            (SchemeProblemCodes.EmptyCode, "$.code"),
            (SchemeProblemCodes.NonPositiveMax, "$.positions[0].sections[0].indicators[0].max"),
            (SchemeProblemCodes.DuplicateKey, "$.positions[0].sections[0].indicators[1].key"),
            (SchemeProblemCodes.InvalidParameter, "$.positions[0].sections[0].indicators[1].rule.target"),
            (SchemeProblemCodes.InvalidDataSource, "$.positions[0].sections[0].indicators[2].source"),
            (SchemeProblemCodes.InvalidBandBounds, "$.positions[0].sections[0].indicators[2].rule.lower"),
            (SchemeProblemCodes.UnknownDataSource, "$.positions[0].sections[0].indicators[3].source"),
            (SchemeProblemCodes.InvalidParameter, "$.positions[0].sections[0].indicators[3].rule.points"),
            (SchemeProblemCodes.InvalidParameter, "$.positions[0].sections[0].indicators[4].rule.points"),
            (SchemeProblemCodes.InvalidKey, "$.positions[0].sections[0].indicators[5].key"),
            (SchemeProblemCodes.InvalidMetric, "$.positions[0].sections[0].indicators[5].rule.numerator"),
            (SchemeProblemCodes.InvalidParameter, "$.positions[0].sections[0].indicators[5].rule.points"),
            (SchemeProblemCodes.SectionMaxMismatch, "$.positions[0].sections[0].max"),
            (SchemeProblemCodes.DuplicateKey, "$.positions[0].sections[1].key"),
            (SchemeProblemCodes.DuplicateKey, "$.positions[0].sections[1].indicators[0].rule.items[1].key"),
            (SchemeProblemCodes.PerHouseholdWithoutSampling, "$.positions[0].sections[1].indicators[0].rule.perHousehold"),
            (SchemeProblemCodes.MaximaNot100, "$.positions[0]"),
        ]);
        problems.Single(p => p.Code == SchemeProblemCodes.SectionMaxMismatch).Message.ShouldBe("岗位“岗位”的部分“甲”标明 50 分,但其指标满分合计 45 分");
        problems.Single(p => p.Code == SchemeProblemCodes.UnknownDataSource).Message.ShouldBe("岗位“岗位”的指标“负扣分”的数据来源“ledger”未知:应以 cases、complaints、visits、ratings、surveys、inspections、field-check、import、manual 之一开头");
        problems.Single(p => p.Code == SchemeProblemCodes.PerHouseholdWithoutSampling).Severity.ShouldBe(ProblemSeverity.Warning);
        problems[^1].Message.ShouldBe("岗位 的各部分满分合计 110 分,不等于 100 分");
    }

    [Fact]
    public void Data_source_keys()
    {
        SchemeValidator.IsValidSource("cases.on-time-rate").ShouldBeTrue();
        SchemeValidator.IsValidSource("field-check").ShouldBeTrue();
        SchemeValidator.IsValidSource("import").ShouldBeTrue();
        SchemeValidator.IsValidSource("cases.").ShouldBeFalse();
        SchemeValidator.IsValidSource("Cases.x").ShouldBeFalse();
        SchemeValidator.IsValidSource("erp.margin").ShouldBeFalse();
    }

    [Theory]
    [InlineData(96, null, 91, 96, null)] // adjacent: fine
    [InlineData(96, null, 91, 97, SchemeProblemCodes.GradeBandsOverlap)]
    [InlineData(96, null, 91, 95, SchemeProblemCodes.GradeBandsGap)]
    [InlineData(96, null, 91, null, SchemeProblemCodes.GradeBandsOverlap)] // two open-ended bands
    [InlineData(96, 96, 91, 96, SchemeProblemCodes.EmptyGradeBand)]
    public void Grade_bands_may_neither_overlap_nor_leave_gaps(int topMin, int? topBelow, int nextMin, int? nextBelow, string? code)
    {
        var scheme = Scheme(Ind("x", 100, new PerEventRule(1))) with
        {
            Grades = [new GradeBand("优秀", topMin, topBelow), new GradeBand("优良", nextMin, nextBelow), new GradeBand("其他", null, 91)],
        };
        var errors = SchemeValidator.Validate(scheme).Problems.Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Code).ToList();
        if (code is null)
        {
            errors.ShouldBeEmpty();
        }
        else
        {
            errors.ShouldContain(code);
        }
    }

    [Fact]
    public void A_gap_names_the_uncovered_scores_and_uncovered_ends_are_warnings()
    {
        var scheme = Scheme(Ind("x", 100, new PerEventRule(1))) with
        {
            Grades = [new GradeBand("优良", 91, 95), new GradeBand("优秀", 96, 100), new GradeBand("合格", 70, 91)],
        };
        SchemeValidator.Validate(scheme).Problems.Select(p => (p.Code, p.Severity, p.Message)).ShouldBe(
        [
            (SchemeProblemCodes.GradeBandsGap, ProblemSeverity.Error, "等级“优良”(91–95 分,不含 95)与“优秀”(96–100 分,不含 100)之间有空档:95–96 分不属于任何等级"),
            (SchemeProblemCodes.GradesUncovered, ProblemSeverity.Warning, "低于 70 分的总分不属于任何等级"),
            (SchemeProblemCodes.GradesUncovered, ProblemSeverity.Warning, "100 分及以上的总分不属于任何等级(满分 100 分)"),
        ]);
    }

    [Fact]
    public void Header_pass_line_sampling_and_publication_day_are_checked()
    {
        var scheme = Scheme(Ind("x", 100, new PerEventRule(1))) with
        {
            PassLine = new PassLine(120),
            Sampling = new SamplingRule(0, 1),
            PublishByDay = 31,
        };
        SchemeValidator.Validate(scheme).Problems.Select(p => p.Code).ShouldBe(
            [SchemeProblemCodes.InvalidPublishDay, SchemeProblemCodes.InvalidSampling, SchemeProblemCodes.InvalidPassLine]);
        SchemeValidator.Validate(new EvaluationScheme("C", "N", "1", PeriodType.Year, [])).Problems.Single().Code.ShouldBe(SchemeProblemCodes.NoPositions);
    }

    [Fact]
    public void A_field_check_indicator_needs_a_rule_that_field_checks_can_feed()
    {
        var scheme = Scheme(
            Ind("known", 40, new RateRule("aware", "asked", 85, 1), source: "field-check"),
            Ind("found", 30, new DeductionRule(1), source: "field-check"),
            Ind("share", 20, new RateRule("share", null, 85, 1), source: "field-check"),
            Ind("events", 10, new PerEventRule(2), source: "field-check"));
        SchemeValidator.Validate(scheme).Problems.Where(p => p.Code == SchemeProblemCodes.FieldCheckRule)
            .Select(p => (p.Severity, p.Path)).ShouldBe(
            [
                (ProblemSeverity.Error, "$.positions[0].sections[0].indicators[2].source"),
                (ProblemSeverity.Error, "$.positions[0].sections[0].indicators[3].source"),
            ]);
    }
}
