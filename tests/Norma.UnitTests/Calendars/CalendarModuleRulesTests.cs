using System.Text.Json;
using Norma.Modules.Calendars.Domain;
using Norma.Modules.Calendars.Features.Compute;
using Norma.Modules.Calendars.Features.Definitions;
using Norma.Rules.Calendars;

namespace Norma.UnitTests.Calendars;

public class VersionSelectionTests
{
    private static readonly VersionKey[] History =
    [
        new(1, new DateOnly(2020, 1, 1)),
        new(2, new DateOnly(2025, 1, 1)),
        new(3, new DateOnly(2025, 1, 1)),   // same day, later edit: wins from 2025-01-01
        new(4, new DateOnly(2027, 1, 1)),   // scheduled
    ];

    [Theory]
    [InlineData("2019-06-30", 1)]   // before every version: the earliest, so nothing fails for lack of history
    [InlineData("2020-01-01", 1)]
    [InlineData("2024-12-31", 1)]
    [InlineData("2025-01-01", 3)]
    [InlineData("2026-11-23", 3)]
    [InlineData("2027-01-01", 4)]
    public void The_version_in_force_is_the_latest_effective_on_or_before_the_date_ties_to_the_higher_number(string date, int expected) =>
        VersionSelection.InForce(History, DateOnly.Parse(date)).ShouldBe(expected);

    [Fact]
    public void No_versions_no_answer_and_order_of_input_does_not_matter()
    {
        VersionSelection.InForce([], new DateOnly(2025, 1, 1)).ShouldBeNull();
        VersionSelection.InForce(History.Reverse(), new DateOnly(2025, 6, 1)).ShouldBe(3);
        VersionSelection.InForce([new(2, new DateOnly(2021, 1, 1)), new(1, new DateOnly(2021, 1, 1))], new DateOnly(2020, 1, 1)).ShouldBe(2);
    }
}

public class HoursTextTests
{
    [Theory]
    [InlineData("08:30-12:00, 14:30-18:00", "08:30-12:00, 14:30-18:00")]
    [InlineData("8:30–12:00,14:30 - 18:00", "08:30-12:00, 14:30-18:00")]
    [InlineData("08:30~12:00、14:30至18:00", "08:30-12:00, 14:30-18:00")]
    [InlineData("00:00-24:00", "00:00-24:00")]
    [InlineData("\uFF10\uFF18\uFF1A\uFF13\uFF10-\uFF11\uFF12\uFF1A\uFF10\uFF10\uFF0C14:30-18:00\uFF1B", "08:30-12:00, 14:30-18:00")]   // full-width digits, colon, comma, semicolon
    [InlineData("09:00-12:00 12:00-13:00", "09:00-12:00, 12:00-13:00")]   // touching is not overlapping
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Hours_are_read_as_people_write_them_and_written_back_canonically(string text, string canonical)
    {
        HoursText.TryParse(text, out var intervals, out var problem, out _).ShouldBeTrue();
        problem.ShouldBeNull();
        HoursText.Format(intervals).ShouldBe(canonical);
    }

    [Theory]
    [InlineData("8点半到12点", HoursProblem.Format)]
    [InlineData("\u0668:30-12:00", HoursProblem.Format)]   // an Arabic-Indic digit is not an hour
    [InlineData("08:30-12:60", HoursProblem.Format)]
    [InlineData("24:00-24:00", HoursProblem.Format)]
    [InlineData("08:30-25:00", HoursProblem.Format)]
    [InlineData("12:00-08:30", HoursProblem.StartNotBeforeEnd)]
    [InlineData("09:00-09:00", HoursProblem.StartNotBeforeEnd)]
    [InlineData("14:30-18:00, 08:30-12:00", HoursProblem.Unsorted)]
    [InlineData("08:30-12:00, 11:00-18:00", HoursProblem.Overlap)]
    public void Bad_hours_say_what_is_wrong(string text, HoursProblem expected)
    {
        HoursText.TryParse(text, out _, out var problem, out var part).ShouldBeFalse();
        problem.ShouldBe(expected);
        part.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void Minutes_are_counted_from_midnight()
    {
        HoursText.Parse("08:30-12:00, 14:30-18:00").ShouldBe([new WorkInterval(510, 720), new WorkInterval(870, 1080)]);
        HoursText.Parse("00:00-24:00").ShouldBe([new WorkInterval(0, 1440)]);
    }
}

public class CalendarZoneTests
{
    [Fact]
    public void Shanghai_has_a_fixed_offset_of_eight_hours()
    {
        CalendarZone.TryResolve("Asia/Shanghai", 2026, out var id, out var offset, out var problem).ShouldBeTrue();
        (id, offset, problem).ShouldBe(("Asia/Shanghai", TimeSpan.FromHours(8), (ZoneProblem?)null));
        CalendarZone.TryResolve("Asia/Urumqi", 2026, out _, out var urumqi, out _).ShouldBeTrue();
        urumqi.ShouldBe(TimeSpan.FromHours(6));
        CalendarZone.TryResolve("UTC", 2026, out _, out var utc, out _).ShouldBeTrue();
        utc.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("Europe/Berlin", ZoneProblem.VaryingOffset)]
    [InlineData("America/New_York", ZoneProblem.VaryingOffset)]
    [InlineData("Mars/Olympus_Mons", ZoneProblem.Unknown)]
    [InlineData("", ZoneProblem.Unknown)]
    public void Zones_with_daylight_saving_or_unknown_ids_are_refused(string id, ZoneProblem expected)
    {
        CalendarZone.TryResolve(id, 2026, out _, out _, out var problem).ShouldBeFalse();
        problem.ShouldBe(expected);
    }
}

public class LocalInstantTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Theory]
    [InlineData("2025-09-30T17:00", "2025-09-30T09:00:00Z")]
    [InlineData("2025-09-30 17:00", "2025-09-30T09:00:00Z")]
    [InlineData("2025-09-30T17:00:30", "2025-09-30T09:00:30Z")]
    [InlineData("2025-09-30", "2025-09-29T16:00:00Z")]
    [InlineData("2025-09-30T17:00:00+08:00", "2025-09-30T09:00:00Z")]
    [InlineData("2025-09-30T09:00:00Z", "2025-09-30T09:00:00Z")]
    [InlineData("2025-09-30T10:00:00+09:00", "2025-09-30T01:00:00Z")]
    public void Times_without_offset_are_local_to_the_calendar(string text, string utc)
    {
        LocalInstant.TryParse(text, Beijing, out var instant).ShouldBeTrue();
        instant.UtcDateTime.ShouldBe(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("明天")]
    [InlineData("2025-13-01T10:00")]
    [InlineData("30/09/2025 17:00")]
    public void Anything_else_is_refused(string text) => LocalInstant.TryParse(text, Beijing, out _).ShouldBeFalse();
}

public class DayRangesAndSpanTests
{
    private static SpecialDay Off(string date, string name) => new(DateOnly.Parse(date), DayKind.Holiday, name);

    private static SpecialDay Work(string date, string name) => new(DateOnly.Parse(date), DayKind.Workday, name);

    private static readonly SpecialDay[] NationalDay2025 =
    [
        Work("2025-09-28", "国庆节、中秋节"),
        .. Enumerable.Range(1, 8).Select(d => Off($"2025-10-{d:00}", "国庆节、中秋节")),
        Work("2025-10-11", "国庆节、中秋节"),
    ];

    [Fact]
    public void Consecutive_days_of_one_kind_and_name_make_one_range()
    {
        var ranges = DayRange.Group(NationalDay2025.Reverse().Select(d => (d.Date, d.Kind, d.Name)));
        ranges.Select(r => (r.Kind, r.From.ToString("MM-dd"), r.Days)).ShouldBe(
            [(DayKind.Workday, "09-28", 1), (DayKind.Holiday, "10-01", 8), (DayKind.Workday, "10-11", 1)]);
    }

    [Fact]
    public void A_gap_or_another_name_starts_a_new_range()
    {
        var ranges = DayRange.Group([(new DateOnly(2027, 1, 1), DayKind.Holiday, "元旦"), (new DateOnly(2027, 1, 3), DayKind.Holiday, "元旦"), (new DateOnly(2027, 1, 4), DayKind.Holiday, "别的")]);
        ranges.Count.ShouldBe(3);
    }

    [Fact]
    public void The_span_summary_counts_holidays_by_name_and_adjusted_workdays()
    {
        var definition = new CalendarDefinition(false, Enumerable.Repeat<IReadOnlyList<WorkInterval>>([], 7).ToList(), [], NationalDay2025, TimeSpan.FromHours(8));
        var span = SpanSummary.Between(definition, new DateOnly(2025, 9, 30), new DateOnly(2025, 10, 13));
        span.Holidays.ShouldBe([("国庆节、中秋节", 8)]);
        span.AdjustedWorkdays.ShouldBe(1);
        SpanSummary.Between(definition, new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30)).IsEmpty.ShouldBeTrue();
    }
}

public class DefinitionStorageTests
{
    [Fact]
    public void A_stored_definition_round_trips_through_json_and_becomes_the_engine_model()
    {
        var dto = new DefinitionDto(false, WeekHoursDto.From(d => d is DayOfWeek.Saturday or DayOfWeek.Sunday ? null : "8:30-12:00,14:30-18:00"), "09:00-17:00",
            [new SpecialDayDto(new DateOnly(2027, 2, 14), DayKind.Workday, " 春节 "), new SpecialDayDto(new DateOnly(2027, 2, 6), DayKind.Holiday, "春节")]);
        var stored = StoredDefinition.Create("Asia/Shanghai", TimeSpan.FromHours(8), dto);
        var json = stored.ToJson();
        json.ShouldContain("\"monday\":\"08:30-12:00, 14:30-18:00\"");
        json.ShouldContain("\"kind\":\"Workday\"");
        json.ShouldContain("春节");   // readable, not \u-escaped

        var back = StoredDefinition.FromJson(json);
        back.SpecialDays.Select(d => d.Date.Day).ShouldBe([6, 14]);
        back.SpecialDays[1].Name.ShouldBe("春节");
        var engine = back.ToEngine();
        engine.UtcOffset.ShouldBe(TimeSpan.FromHours(8));
        engine.Week.Count.ShouldBe(7);
        engine.Week[(int)DayOfWeek.Sunday].ShouldBeEmpty();
        engine.Week[(int)DayOfWeek.Monday].ShouldBe([new WorkInterval(510, 720), new WorkInterval(870, 1080)]);
        engine.AdjustedWorkdayHours.ShouldBe([new WorkInterval(540, 1020)]);
        StoredDefinition.ToDto(engine).Week!.Monday.ShouldBe("08:30-12:00, 14:30-18:00");
    }

    [Fact]
    public void Replacing_a_year_keeps_the_other_years_and_new_dates_win_across_the_year_boundary()
    {
        var d = new DefinitionDto(false, null, null,
        [
            new(new DateOnly(2026, 10, 1), DayKind.Holiday, "国庆节"),
            new(new DateOnly(2026, 12, 31), DayKind.Holiday, "旧"),
            new(new DateOnly(2027, 1, 1), DayKind.Holiday, "旧元旦"),
            new(new DateOnly(2028, 1, 1), DayKind.Holiday, "元旦"),
        ]);
        var replaced = DefinitionRules.ReplaceYears(d, [2027],
            [new(new DateOnly(2026, 12, 31), DayKind.Holiday, "元旦"), new(new DateOnly(2027, 1, 1), DayKind.Holiday, "元旦")]);
        replaced.SpecialDays!.Select(s => (s.Date.ToString("yyyy-MM-dd"), s.Name)).ShouldBe(
            [("2026-10-01", "国庆节"), ("2026-12-31", "元旦"), ("2027-01-01", "元旦"), ("2028-01-01", "元旦")]);
    }
}

public class LimitSpecTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("\"3wd\"", 3, LimitUnit.Days, TimeBasis.Working)]
    [InlineData("\"48h\"", 48, LimitUnit.Hours, TimeBasis.Natural)]
    [InlineData("{\"amount\":4,\"unit\":\"Hours\",\"basis\":\"Working\"}", 4, LimitUnit.Hours, TimeBasis.Working)]
    [InlineData("{\"Amount\":30,\"Unit\":\"minutes\",\"Basis\":2}", 30, LimitUnit.Minutes, TimeBasis.Natural)]
    public void A_limit_is_text_or_an_object(string json, int amount, LimitUnit unit, TimeBasis basis)
    {
        var spec = JsonSerializer.Deserialize<LimitSpec>(json, Json)!;
        spec.TryGet(out var limit).ShouldBeTrue();
        limit.ShouldBe(new TimeLimit(amount, unit, basis));
    }

    [Theory]
    [InlineData("\"3 weeks\"")]
    [InlineData("{\"amount\":0,\"unit\":\"Days\",\"basis\":\"Working\"}")]
    [InlineData("{\"amount\":3,\"unit\":\"Fortnights\",\"basis\":\"Working\"}")]
    [InlineData("{\"amount\":3,\"unit\":\"Days\"}")]
    [InlineData("42")]
    public void Unreadable_limits_are_kept_and_reported_not_thrown(string json) =>
        JsonSerializer.Deserialize<LimitSpec>(json, Json)!.TryGet(out _).ShouldBeFalse();
}
