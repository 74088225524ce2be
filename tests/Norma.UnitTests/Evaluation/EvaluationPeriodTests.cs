using Norma.Rules.Evaluation;

namespace Norma.UnitTests.Evaluation;

public class EvaluationPeriodTests
{
    [Theory]
    [InlineData(PeriodType.HalfYear, "2026-06-30", "2026-01-01", "2026-07-01", "2026年上半年", "2026-H1")]
    [InlineData(PeriodType.HalfYear, "2026-07-01", "2026-07-01", "2027-01-01", "2026年下半年", "2026-H2")]
    [InlineData(PeriodType.HalfYear, "2026-12-31", "2026-07-01", "2027-01-01", "2026年下半年", "2026-H2")]
    [InlineData(PeriodType.Month, "2026-11-15", "2026-11-01", "2026-12-01", "2026年11月", "2026-11")]
    [InlineData(PeriodType.Month, "2024-02-29", "2024-02-01", "2024-03-01", "2024年2月", "2024-02")]
    [InlineData(PeriodType.Quarter, "2026-09-30", "2026-07-01", "2026-10-01", "2026年第3季度", "2026-Q3")]
    [InlineData(PeriodType.Year, "2026-03-01", "2026-01-01", "2027-01-01", "2026年度", "2026")]
    public void The_period_containing_a_date(PeriodType type, string date, string start, string end, string label, string code)
    {
        var period = EvaluationPeriod.Containing(type, DateOnly.Parse(date));
        (period.Start, period.End, period.Label, period.Code).ShouldBe((DateOnly.Parse(start), DateOnly.Parse(end), label, code));
        period.Contains(DateOnly.Parse(date)).ShouldBeTrue();
        period.Contains(period.End).ShouldBeFalse();
        period.LastDay.ShouldBe(period.End.AddDays(-1));
        EvaluationPeriod.TryParse(code, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(period);
    }

    [Fact]
    public void Next_previous_and_the_publication_deadline()
    {
        var november = EvaluationPeriod.Containing(PeriodType.Month, new DateOnly(2026, 11, 20));
        november.PublishBy(10).ShouldBe(new DateOnly(2026, 12, 10)); // published by the 10th of the next month
        november.Next().Label.ShouldBe("2026年12月");
        november.Next().PublishBy(10).ShouldBe(new DateOnly(2027, 1, 10));
        november.Previous().Code.ShouldBe("2026-10");
        var h1 = EvaluationPeriod.Containing(PeriodType.HalfYear, new DateOnly(2026, 1, 1));
        h1.Previous().Label.ShouldBe("2025年下半年");
        h1.Next().Next().Label.ShouldBe("2027年上半年");
        EvaluationPeriod.Containing(PeriodType.Month, new DateOnly(2026, 1, 5)).PublishBy(31).ShouldBe(new DateOnly(2026, 2, 28));
    }

    [Theory]
    [InlineData("2026-H3")]
    [InlineData("2026-13")]
    [InlineData("2026-Q0")]
    [InlineData("26-H1")]
    [InlineData("2026H1")]
    [InlineData(null)]
    public void Bad_codes_do_not_parse(string? code) => EvaluationPeriod.TryParse(code, out _).ShouldBeFalse();
}
