using Norma.Rules.Catalog;

namespace Norma.UnitTests.Catalog;

public class NumberingRuleTests
{
    private static NumberingRule Rule(string pattern) => NumberingRule.Parse(pattern);

    [Fact]
    public void The_seed_example_numbers_the_design_offices_first_contract_of_the_day_A01010101()
    {
        // 004: "A代表设计室,01代表年,01代表月份,01代表日,01代表本店当日的第一个合同"
        var rule = Rule("{unit}{yy}{MM}{dd}{seq:2}");
        rule.Format("A", "", new DateOnly(2001, 1, 1), 1).ShouldBe("A01010101");
        rule.Format("A", "", new DateOnly(2026, 11, 23), 12).ShouldBe("A26112312");
        rule.Reset.ShouldBe(ResetPeriod.Daily);
        rule.MaxSequence.ShouldBe(99);
        rule.SequenceWidth.ShouldBe(2);
        rule.UsesUnit.ShouldBeTrue();
        rule.UsesItem.ShouldBeFalse();
    }

    [Theory]
    [InlineData("{unit}{yy}{MM}{dd}{seq:2}", ResetPeriod.Daily, "2026-11-23")]
    [InlineData("GAS-{yyyy}{MM}-{seq:5}", ResetPeriod.Monthly, "2026-11")]
    [InlineData("{item}/{yy}/{seq:4}", ResetPeriod.Yearly, "2026")]
    [InlineData("{yyyy}{seq:4}", ResetPeriod.Yearly, "2026")]
    [InlineData("TS{seq:6}", ResetPeriod.Never, "")]
    public void The_smallest_date_token_sets_the_reset_period_and_its_key(string pattern, ResetPeriod reset, string key)
    {
        var rule = Rule(pattern);
        rule.Reset.ShouldBe(reset);
        rule.PeriodKey(new DateOnly(2026, 11, 23)).ShouldBe(key);
    }

    [Fact]
    public void Literals_item_codes_and_four_digit_years_are_formatted()
    {
        Rule("GAS-{yyyy}{MM}-{seq:5}").Format("ENG", "BX", new DateOnly(2026, 3, 9), 7).ShouldBe("GAS-202603-00007");
        Rule("{item}_{unit}/{yy}{MM}{dd}{seq:1}").Format("ENG-R1", "BX01", new DateOnly(2009, 12, 31), 9).ShouldBe("BX01_ENG-R1/0912319");
        Rule("{seq:9}").MaxSequence.ShouldBe(999_999_999);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    public void A_sequence_outside_one_to_max_throws(long seq)
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => Rule("{unit}{yy}{MM}{dd}{seq:2}").Format("A", "", new DateOnly(2026, 1, 1), seq));
        ex.Message.ShouldContain("1 到 99");
    }

    [Fact]
    public void Codes_the_pattern_uses_must_be_given()
    {
        Should.Throw<ArgumentException>(() => Rule("{unit}{seq:2}").Format("", "X", new DateOnly(2026, 1, 1), 1));
        Should.Throw<ArgumentException>(() => Rule("{item}{seq:2}").Format("A", " ", new DateOnly(2026, 1, 1), 1));
        Rule("N{seq:2}").Format("", "", new DateOnly(2026, 1, 1), 1).ShouldBe("N01");
    }

    [Theory]
    [InlineData("", "不能为空")]
    [InlineData("{unit}{yy}", "必须包含一个流水号")]
    [InlineData("{seq:2}{seq:3}", "只能包含一个流水号")]
    [InlineData("{seq}", "{seq:N}")]
    [InlineData("{seq:0}", "{seq:N}")]
    [InlineData("{seq:10}", "{seq:N}")]
    [InlineData("{date}{seq:2}", "未知的占位符")]
    [InlineData("{unit{seq:2}", "未知的占位符")]
    [InlineData("{unit}{seq:2", "没有对应")]
    [InlineData("A {seq:2}", "第 2 个字符")]
    [InlineData("合同{seq:2}", "第 1 个字符")]
    [InlineData("{dd}{seq:2}", "日期不完整")]
    [InlineData("{yy}{dd}{seq:2}", "日期不完整")]
    [InlineData("{MM}{dd}{seq:2}", "日期不完整")]
    [InlineData("{MM}{seq:2}", "日期不完整")]
    [InlineData("{YY}{seq:2}", "未知的占位符")]
    public void Bad_patterns_are_rejected_with_a_reason(string pattern, string reason)
    {
        NumberingRule.TryParse(pattern, out var rule, out var error).ShouldBeFalse();
        rule.ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(reason);
        Should.Throw<FormatException>(() => NumberingRule.Parse(pattern));
    }
}
