using System.Text.Json;
using Norma.Rules.Calendars;

namespace Norma.UnitTests.Calendars;

public class HolidayFilesTests
{
    private const string HolidayCn2025 = """
        {
          "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
          "year": 2025,
          "papers": ["https://www.gov.cn/"],
          "days": [
            { "name": "元旦", "date": "2025-01-01", "isOffDay": true },
            { "name": "春节", "date": "2025-01-26", "isOffDay": false },
            { "name": "春节", "date": "2025-01-28", "isOffDay": true }
          ]
        }
        """;

    [Fact]
    public void A_holiday_cn_year_file_reads_off_days_as_holidays_and_working_days_as_adjusted_workdays()
    {
        var r = HolidayFiles.Parse(HolidayCn2025);
        r.Problems.ShouldBeEmpty();
        r.Format.ShouldBe(HolidayFileFormat.HolidayCn);
        r.Years.ShouldBe([2025]);
        r.Definition.ShouldBeNull();
        r.Days.ShouldBe([
            new SpecialDay(new DateOnly(2025, 1, 1), DayKind.Holiday, "元旦"),
            new SpecialDay(new DateOnly(2025, 1, 26), DayKind.Workday, "春节"),
            new SpecialDay(new DateOnly(2025, 1, 28), DayKind.Holiday, "春节"),
        ]);
    }

    [Fact]
    public void Bare_arrays_of_days_and_arrays_of_years_are_accepted()
    {
        var bare = HolidayFiles.Parse("""[{"name":"元旦","date":"2025-01-01","isOffDay":true},{"name":"春节","date":"2025-01-26","isOffDay":false}]""");
        bare.Problems.ShouldBeEmpty();
        bare.Days.Count.ShouldBe(2);
        bare.Years.ShouldBe([2025]);

        var years = HolidayFiles.Parse("""[{"year":2024,"days":[{"name":"元旦","date":"2024-01-01","isOffDay":true}]},{"year":2025,"days":[{"name":"元旦","date":"2025-01-01","isOffDay":true}]}]""");
        years.Problems.ShouldBeEmpty();
        years.Years.ShouldBe([2024, 2025]);
        years.Days.Select(d => d.Date.Year).ShouldBe([2024, 2025]);
    }

    [Fact]
    public void Each_problem_names_its_location()
    {
        var r = HolidayFiles.Parse("""
            {"year": 2025, "days": [
              {"name": "元旦", "date": "2025-01-01", "isOffDay": true},
              {"name": "春节", "date": "2025-02-30", "isOffDay": true},
              {"name": "春节", "date": 20250128, "isOffDay": true},
              {"name": "春节", "date": "2025-13-01", "isOffDay": true},
              {"date": "2025-01-29", "isOffDay": true},
              {"name": "春节", "date": "2025-01-30", "isOffDay": "yes"},
              {"name": "春节", "date": "2025-01-31"},
              {"name": "元旦", "date": "2025-01-01", "isOffDay": true},
              {"name": "元旦", "date": "2025-01-01", "isOffDay": false},
              "2025-02-01",
              {"name": "x", "date": "1899-12-31", "isOffDay": true}
            ]}
            """);
        r.Problems.ShouldBe([
            "days[1].date: '2025-02-30' is not a date (yyyy-MM-dd)",
            "days[2].date: the number 20250128 is not a date (yyyy-MM-dd)",
            "days[3].date: '2025-13-01' is not a date (yyyy-MM-dd)",
            "days[4].name: missing",
            "days[5].isOffDay: expected true or false, found the string 'yes'",
            "days[6].isOffDay: missing",
            "days[7].date: 2025-01-01 appears twice (also days[0])",
            "days[8].date: 2025-01-01 is both holiday (days[0]) and workday",
            "days[9]: expected a day object, found the string '2025-02-01'",
            "days[10].date: 1899-12-31 is outside 1900–2199",
        ]);
        r.IsValid.ShouldBeFalse();
        r.Days.ShouldHaveSingleItem().Date.ShouldBe(new DateOnly(2025, 1, 1)); // the good entry is still reported
    }

    [Fact]
    public void Locations_in_arrays_of_years_start_with_the_year_index()
    {
        var r = HolidayFiles.Parse("""[{"year":2024,"days":[]},{"year":"2025","days":[{"name":"元旦","date":"2025-1-1","isOffDay":true}]},{"year":2026}]""");
        r.Problems.ShouldBe([
            "[1].year: the string '2025' is not a year",
            "[1].days[0].date: '2025-1-1' is not a date (yyyy-MM-dd)",
            "[2].days: missing",
        ]);
    }

    [Theory]
    [InlineData("{\"year\": 2025, \"days\": [\n  {\"name\": \"元旦\" \"date\": \"2025-01-01\"}\n]}", "line 2, position 17: malformed JSON")]
    [InlineData("{\"days\": [", "line 1, position 11: malformed JSON")]
    [InlineData("   ", "line 1, position 1: the file is empty")]
    [InlineData("42", "$: expected an object or an array, found the number 42")]
    public void Malformed_json_is_one_problem_with_line_and_position(string json, string expected)
    {
        var r = HolidayFiles.Parse(json);
        r.Problems.ShouldHaveSingleItem().ShouldStartWith(expected);
        r.Days.ShouldBeEmpty();
        r.Format.ShouldBe(HolidayFileFormat.Unknown);
    }

    [Fact]
    public void A_norma_export_reads_back_to_the_same_definition()
    {
        var def = CalendarDefinition.ChinaStandard() with
        {
            Week = [[], [new(510, 720), new(870, 1080)], [new(510, 720), new(870, 1080)], [new(510, 720)], [new(510, 720), new(870, 1080)], [new(540, 1020)], [new(0, 1440)]],
            AdjustedWorkdayHours = [new(540, 720)],
            UtcOffset = TimeSpan.FromMinutes(-330),
        };
        var json = HolidayFiles.Export(def, "示例 calendar");
        json.ShouldContain("\"format\": \"norma-calendar\"");
        json.ShouldContain("\"utcOffset\": \"-05:30\"");
        json.ShouldContain("\"monday\": [\n      \"08:30-12:00\",\n      \"14:30-18:00\"\n    ]");
        json.ShouldContain("\"name\": \"国庆节、中秋节\""); // Chinese is written as is, not \u escapes

        var r = HolidayFiles.Parse(json);
        r.Problems.ShouldBeEmpty();
        r.Format.ShouldBe(HolidayFileFormat.Norma);
        r.Name.ShouldBe("示例 calendar");
        var back = r.Definition.ShouldNotBeNull();
        back.AlwaysOpen.ShouldBeFalse();
        back.UtcOffset.ShouldBe(def.UtcOffset);
        for (var d = 0; d < 7; d++)
        {
            back.Week[d].ShouldBe(def.Week[d], $"day {d}");
        }

        back.AdjustedWorkdayHours.ShouldBe(def.AdjustedWorkdayHours);
        back.SpecialDays.ShouldBe(def.SpecialDays.OrderBy(s => s.Date));
        HolidayFiles.Export(back, "示例 calendar").ShouldBe(json);
    }

    [Fact]
    public void An_always_open_norma_file_needs_no_hours()
    {
        var r = HolidayFiles.Parse("""{"format":"norma-calendar","formatVersion":1,"utcOffset":"+08:00","alwaysOpen":true,"specialDays":[]}""");
        r.Problems.ShouldBeEmpty();
        var cal = WorkingCalendar.Compile(r.Definition.ShouldNotBeNull());
        cal.IsWorkingTime(new DateTimeOffset(2025, 1, 1, 3, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
    }

    [Fact]
    public void Norma_file_problems_name_their_location()
    {
        var r = HolidayFiles.Parse("""
            {
              "format": "norma-calendar", "formatVersion": 1, "utcOffset": "+8", "colour": "red",
              "week": { "monday": ["08:30-12:00", "11:00-13:00"], "funday": [], "tuesday": ["8-12"], "friday": "08:30-12:00" },
              "adjustedWorkdayHours": ["08:30-12:00"],
              "specialDays": [
                { "date": "2025-01-01", "kind": "holiday", "name": "元旦" },
                { "date": "2025-01-26", "kind": "off", "name": "春节" },
                { "date": "2025-01-01", "kind": "workday", "name": "元旦" },
                { "date": "2025-01-28", "kind": "holiday", "name": "春节", "note": "x" }
              ]
            }
            """);
        r.Problems.ShouldBe([
            "utcOffset: the string '+8' is not an offset such as +08:00",
            "colour: not a property of a norma-calendar file",
            "week.funday: not a day of the week (monday … sunday)",
            "week.tuesday[0]: the string '8-12' is not a time range such as 08:30-12:00",
            "week.friday: expected an array such as [\"08:30-12:00\"], found the string '08:30-12:00'",
            "specialDays[1].kind: the string 'off' is not holiday or workday",
            "specialDays[2].date: 2025-01-01 is both holiday (specialDays[0]) and workday",
            "specialDays[3].note: not a property of a special day (date, kind, name)",
        ]);
        r.Definition.ShouldBeNull();

        // Interval overlaps are found once the rest is right.
        var overlap = HolidayFiles.Parse("""{"format":"norma-calendar","formatVersion":1,"utcOffset":"+08:00","week":{"monday":["08:30-12:00","11:00-13:00"]},"adjustedWorkdayHours":[],"specialDays":[]}""");
        overlap.Problems.ShouldBe(["week.monday[1]: 11:00-13:00 overlaps 08:30-12:00"]);
    }

    [Theory]
    [InlineData("""{"format":"other"}""", "format: expected 'norma-calendar', found the string 'other'")]
    [InlineData("""{"format":"norma-calendar","formatVersion":2,"utcOffset":"+08:00"}""", "formatVersion: the number 2 is not supported (this version reads 1)")]
    public void Unknown_formats_and_versions_are_refused(string json, string problem) =>
        HolidayFiles.Parse(json).Problems.ShouldBe([problem]);

    [Fact]
    public void A_parsed_holiday_cn_file_compiles_into_a_working_calendar()
    {
        var days = HolidayFiles.Parse(HolidayCn2025).Days;
        var cal = WorkingCalendar.Compile(CalendarDefinition.Standard(days));
        cal.IsWorkingDay(new DateOnly(2025, 1, 26)).ShouldBeTrue();  // Sunday, 调休
        cal.IsWorkingDay(new DateOnly(2025, 1, 28)).ShouldBeFalse(); // Tuesday, 春节
        cal.IsWorkingDay(new DateOnly(2025, 1, 29)).ShouldBeTrue();  // not in this small file
    }

    // ---- TimeLimit as JSON ---------------------------------------------------------------------------------------

    private sealed record Step(TimeLimit Limit, TimeLimit? Optional);

    [Theory]
    [InlineData(8, LimitUnit.Hours, TimeBasis.Working, "8wh")]
    [InlineData(3, LimitUnit.Days, TimeBasis.Working, "3wd")]
    [InlineData(48, LimitUnit.Hours, TimeBasis.Natural, "48h")]
    [InlineData(30, LimitUnit.Minutes, TimeBasis.Working, "30wmin")]
    [InlineData(2, LimitUnit.Days, TimeBasis.Natural, "2d")]
    public void Time_limits_are_json_strings(int amount, LimitUnit unit, TimeBasis basis, string text)
    {
        var limit = new TimeLimit(amount, unit, basis);
        JsonSerializer.Serialize(limit).ShouldBe($"\"{text}\"");
        JsonSerializer.Deserialize<TimeLimit>($"\"{text}\"").ShouldBe(limit);
        var step = JsonSerializer.Deserialize<Step>(JsonSerializer.Serialize(new Step(limit, null)));
        step.ShouldBe(new Step(limit, null));
        JsonSerializer.Serialize(new Step(limit, limit)).ShouldBe($"{{\"Limit\":\"{text}\",\"Optional\":\"{text}\"}}");
    }

    [Theory]
    [InlineData("\"3 days\"")]
    [InlineData("\"0wd\"")]
    [InlineData("3")]
    public void Bad_time_limit_json_is_refused(string json) =>
        Should.Throw<JsonException>(() => JsonSerializer.Deserialize<TimeLimit>(json));
}
