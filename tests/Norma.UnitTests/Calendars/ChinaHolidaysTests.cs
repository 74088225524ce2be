using Norma.Rules.Calendars;

namespace Norma.UnitTests.Calendars;

public class ChinaHolidaysTests
{
    private static readonly Dictionary<DateOnly, SpecialDay> Data = ChinaHolidays.Load().ToDictionary(d => d.Date);

    private static void Expect(string date, DayKind kind, string name)
    {
        var d = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        Data.ShouldContainKey(d, $"{date} is missing from the data");
        Data[d].Kind.ShouldBe(kind, date);
        Data[d].Name.ShouldBe(name, date);
    }

    private static void Absent(params string[] dates)
    {
        foreach (var date in dates)
        {
            Data.ShouldNotContainKey(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), $"{date} should be an ordinary day");
        }
    }

    [Fact]
    public void The_shipped_data_covers_2020_to_2026_and_parses_without_problems()
    {
        ChinaHolidays.Years.ShouldBe([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
        using var stream = typeof(ChinaHolidays).Assembly.GetManifestResourceStream(ChinaHolidays.ResourceName).ShouldNotBeNull();
        var parsed = HolidayFiles.Parse(stream);
        parsed.Problems.ShouldBeEmpty();
        parsed.Format.ShouldBe(HolidayFileFormat.HolidayCn);
        ChinaHolidays.Load().Select(d => d.Date).ShouldBeInOrder();
    }

    [Fact]
    public void The_dates_these_tests_rely_on_are_in_the_data_as_expected()
    {
        // 2024 春节: Feb 10–17 off; Feb 4 (Sun) and Feb 18 (Sun) work; 除夕 Feb 9 is an ordinary Friday.
        foreach (var day in Enumerable.Range(10, 8))
        {
            Expect($"2024-02-{day:00}", DayKind.Holiday, "春节");
        }

        Expect("2024-02-04", DayKind.Workday, "春节");
        Expect("2024-02-18", DayKind.Workday, "春节");
        Absent("2024-02-09", "2024-02-03", "2024-02-19");

        // 2024 国庆节: Oct 1–7 off; Sep 29 (Sun) and Oct 12 (Sat) work; 中秋节 Sep 15–17 with Sep 14 (Sat) working.
        foreach (var day in Enumerable.Range(1, 7))
        {
            Expect($"2024-10-{day:00}", DayKind.Holiday, "国庆节");
        }

        Expect("2024-09-29", DayKind.Workday, "国庆节");
        Expect("2024-10-12", DayKind.Workday, "国庆节");
        Expect("2024-09-14", DayKind.Workday, "中秋节");
        Absent("2024-09-28", "2024-09-30", "2024-10-08");

        // 2025 春节: Jan 28 – Feb 4 off (8 days under the new rules); Jan 26 (Sun) and Feb 8 (Sat) work.
        foreach (var date in new[] { "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04" })
        {
            Expect(date, DayKind.Holiday, "春节");
        }

        Expect("2025-01-26", DayKind.Workday, "春节");
        Expect("2025-02-08", DayKind.Workday, "春节");
        Absent("2025-01-25", "2025-01-27", "2025-02-05");
        Expect("2025-01-01", DayKind.Holiday, "元旦");
        Absent("2025-01-02");

        // 2025 国庆节、中秋节: Oct 1–8 off; Sep 28 (Sun) and Oct 11 (Sat) work.
        foreach (var day in Enumerable.Range(1, 8))
        {
            Expect($"2025-10-{day:00}", DayKind.Holiday, "国庆节、中秋节");
        }

        Expect("2025-09-28", DayKind.Workday, "国庆节、中秋节");
        Expect("2025-10-11", DayKind.Workday, "国庆节、中秋节");
        Absent("2025-09-27", "2025-09-30", "2025-10-09", "2025-10-10");

        // 2026: 元旦 Jan 1–3, Jan 4 works; 春节 Feb 15–23, Feb 14 and 28 work; 国庆节 Oct 1–7, Sep 20 and Oct 10 work.
        Expect("2026-01-02", DayKind.Holiday, "元旦");
        Expect("2026-01-04", DayKind.Workday, "元旦");
        Expect("2026-02-15", DayKind.Holiday, "春节");
        Expect("2026-02-23", DayKind.Holiday, "春节");
        Expect("2026-02-14", DayKind.Workday, "春节");
        Expect("2026-02-28", DayKind.Workday, "春节");
        Absent("2026-02-13", "2026-02-24");
        Expect("2026-09-20", DayKind.Workday, "国庆节");
        Expect("2026-10-10", DayKind.Workday, "国庆节");
        Expect("2026-10-07", DayKind.Holiday, "国庆节");
        Absent("2026-10-08", "2026-10-09");
        Expect("2026-09-25", DayKind.Holiday, "中秋节");
    }

    [Fact]
    public void Spring_festival_2020_includes_the_extension_to_february_2()
    {
        Expect("2020-01-24", DayKind.Holiday, "春节");
        Expect("2020-01-31", DayKind.Holiday, "春节");
        Expect("2020-02-01", DayKind.Holiday, "春节"); // originally a 调休 Saturday, cancelled by the extension
        Expect("2020-02-02", DayKind.Holiday, "春节");
        Expect("2020-01-19", DayKind.Workday, "春节");
        Expect("2020-02-03", DayKind.Workday, "春节"); // a Monday; holiday-cn records it as the return to work
    }

    [Fact]
    public void Every_adjusted_workday_is_a_weekend_day_and_names_are_the_notices_chinese_names()
    {
        var names = new HashSet<string> { "元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "国庆节、中秋节", "中秋节、国庆节" };
        foreach (var day in ChinaHolidays.Load())
        {
            names.ShouldContain(day.Name, $"{day.Date}");
            if (day.Kind == DayKind.Workday && day.Date != new DateOnly(2020, 2, 3))
            {
                day.Date.DayOfWeek.ShouldBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
            }
        }
    }

    [Theory]
    // Statutory days off per year (holidays incl. the weekend days inside each block) and 调休 working days.
    [InlineData(2020, 30, 7)]
    [InlineData(2021, 31, 7)]
    [InlineData(2022, 31, 7)]
    [InlineData(2023, 27, 7)] // 元旦 2023 starts on 2022-12-31 (in the 2023 notice, counted here)
    [InlineData(2024, 28, 8)]
    [InlineData(2025, 28, 5)]
    [InlineData(2026, 33, 6)]
    public void Each_year_has_the_announced_number_of_days(int year, int holidays, int workdays)
    {
        bool InYear(SpecialDay d) => d.Date.Year == year || (year == 2023 && d.Date == new DateOnly(2022, 12, 31));
        var days = ChinaHolidays.Load().Where(InYear).ToList();
        if (year == 2022)
        {
            days.RemoveAll(d => d.Date == new DateOnly(2022, 12, 31));
        }

        days.Count(d => d.Kind == DayKind.Holiday).ShouldBe(holidays);
        days.Count(d => d.Kind == DayKind.Workday).ShouldBe(workdays);
    }
}
