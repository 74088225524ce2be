using Norma.Rules.Calendars;

namespace Norma.UnitTests.Calendars;

/// <summary>
/// Hand-checked expectations on the China calendar (Mon–Fri 08:30–12:00 and 14:30–18:00, 7 working hours a day,
/// shipped 2020–2026 holidays, +08:00). Each expected date is checked against the data file in
/// <see cref="ChinaHolidaysTests.The_dates_these_tests_rely_on_are_in_the_data_as_expected"/>.
/// </summary>
public class WorkingCalendarTests
{
    internal static readonly WorkingCalendar Cn = WorkingCalendar.Compile(CalendarDefinition.ChinaStandard());

    /// <summary>A Beijing local time, e.g. L("2024-02-08 10:00").</summary>
    internal static DateTimeOffset L(string local) => DateTimeOffset.Parse(local + " +08:00", System.Globalization.CultureInfo.InvariantCulture);

    private static Pause P(string from, string? to) => new(L(from), to is null ? null : L(to));

    // ---- intra-day: 2025-03-03 is an ordinary Monday, 2025-03-07 an ordinary Friday ---------------------------------

    [Theory]
    [InlineData("2025-03-03 10:00", 120, "2025-03-03 12:00")] // 10–12 is exactly 2 h: ends at 12:00, not 14:30
    [InlineData("2025-03-03 10:00", 180, "2025-03-03 15:30")] // 2 h to 12:00, then 1 h from 14:30
    [InlineData("2025-03-03 12:00", 60, "2025-03-03 15:30")]  // 12:00 is outside working time: counts from 14:30
    [InlineData("2025-03-03 13:00", 60, "2025-03-03 15:30")]  // lunch break counts nothing
    [InlineData("2025-03-03 18:00", 60, "2025-03-04 09:30")]  // after hours: next morning 08:30 + 1 h
    [InlineData("2025-03-03 08:30", 420, "2025-03-03 18:00")] // a full day is 7 h and ends at 18:00
    [InlineData("2025-03-03 08:30", 421, "2025-03-04 08:31")]
    [InlineData("2025-03-03 07:00", 30, "2025-03-03 09:00")]  // before opening: from 08:30
    [InlineData("2025-03-07 17:00", 120, "2025-03-10 09:30")] // Friday 17–18, weekend off, Monday 08:30–09:30
    [InlineData("2025-03-03 09:00", 21 * 60, "2025-03-06 09:00")] // 3 days' worth lands at the same time 3 days later
    public void Working_time_is_added_across_breaks_nights_and_weekends(string start, int minutes, string expected) =>
        Cn.AddWorkingTime(L(start), TimeSpan.FromMinutes(minutes)).ShouldBe(L(expected));

    [Fact]
    public void Results_are_in_utc()
    {
        var due = Cn.AddWorkingTime(L("2025-03-03 10:00"), TimeSpan.FromHours(2));
        due.Offset.ShouldBe(TimeSpan.Zero);
        due.ShouldBe(new DateTimeOffset(2025, 3, 3, 4, 0, 0, TimeSpan.Zero));
        Cn.AddWorkingDays(L("2025-03-03 10:00"), 1).Offset.ShouldBe(TimeSpan.Zero);
        Cn.NextWorkingMoment(L("2025-03-03 10:00")).Offset.ShouldBe(TimeSpan.Zero);
        Cn.AddNaturalDays(L("2025-03-03 10:00"), 1).Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Working_time_is_half_open_and_the_next_working_moment_skips_breaks()
    {
        Cn.IsWorkingTime(L("2025-03-03 08:30")).ShouldBeTrue();
        Cn.IsWorkingTime(L("2025-03-03 11:59:59")).ShouldBeTrue();
        Cn.IsWorkingTime(L("2025-03-03 12:00")).ShouldBeFalse();
        Cn.IsWorkingTime(L("2025-03-03 18:00")).ShouldBeFalse();
        Cn.IsWorkingTime(L("2025-03-08 10:00")).ShouldBeFalse(); // Saturday

        Cn.NextWorkingMoment(L("2025-03-03 10:00")).ShouldBe(L("2025-03-03 10:00"));
        Cn.NextWorkingMoment(L("2025-03-03 12:00")).ShouldBe(L("2025-03-03 14:30"));
        Cn.NextWorkingMoment(L("2025-03-07 18:00")).ShouldBe(L("2025-03-10 08:30"));
    }

    [Fact]
    public void Adding_zero_returns_the_start_in_working_time_else_the_next_working_moment()
    {
        Cn.AddWorkingTime(L("2025-03-03 10:00"), TimeSpan.Zero).ShouldBe(L("2025-03-03 10:00"));
        Cn.AddWorkingTime(L("2025-03-03 12:00"), TimeSpan.Zero).ShouldBe(L("2025-03-03 14:30"));
        Should.Throw<ArgumentOutOfRangeException>(() => Cn.AddWorkingTime(L("2025-03-03 10:00"), TimeSpan.FromMinutes(-1)));
    }

    [Fact]
    public void Working_time_between_counts_only_intervals()
    {
        Cn.WorkingTimeBetween(L("2025-03-03 00:00"), L("2025-03-04 00:00")).ShouldBe(TimeSpan.FromHours(7));
        Cn.WorkingTimeBetween(L("2025-03-03 11:00"), L("2025-03-03 15:00")).ShouldBe(TimeSpan.FromHours(1.5));
        Cn.WorkingTimeBetween(L("2025-03-07 17:00"), L("2025-03-10 09:00")).ShouldBe(TimeSpan.FromHours(1.5));
        Cn.WorkingTimeBetween(L("2025-03-04 00:00"), L("2025-03-03 00:00")).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Hours_on_a_date_follow_the_week_holidays_and_adjusted_workdays()
    {
        Cn.HoursOn(new DateOnly(2025, 3, 3)).ShouldBe([new WorkInterval(510, 720), new WorkInterval(870, 1080)]);
        Cn.HoursOn(new DateOnly(2025, 3, 8)).ShouldBeEmpty();              // Saturday
        Cn.HoursOn(new DateOnly(2025, 1, 28)).ShouldBeEmpty();             // 春节, a Tuesday
        Cn.HoursOn(new DateOnly(2025, 1, 26)).Count.ShouldBe(2);           // 调休 Sunday
        Cn.IsWorkingDay(new DateOnly(2024, 2, 4)).ShouldBeTrue();          // 调休 Sunday
        Cn.IsWorkingDay(new DateOnly(2024, 2, 9)).ShouldBeTrue();          // 除夕 2024 was not a public holiday
        Cn.IsWorkingDay(new DateOnly(2024, 2, 12)).ShouldBeFalse();        // 春节, a Monday
    }

    // ---- 2024 Spring Festival: Feb 10 (Sat) – 17 (Sat) off; Feb 4 (Sun) and Feb 18 (Sun) are 调休 workdays ------------

    [Fact]
    public void Spring_festival_2024()
    {
        // Thu Feb 8 + 3 working days: Fri 9 (1); 10–17 off; Sun 18 调休 (2); Mon 19 (3).
        Cn.AddWorkingDays(L("2024-02-08 10:00"), 3).ShouldBe(L("2024-02-19 18:00"));
        // Fri Feb 2 + 1: Sat 3 is a plain Saturday, Sun 4 is a 调休 workday.
        Cn.AddWorkingDays(L("2024-02-02 15:00"), 1).ShouldBe(L("2024-02-04 18:00"));
        // A deadline crossing the 调休 Sunday: Fri Feb 9 16:00 + 4 h = 16–18 (2 h), then Sun Feb 18 08:30–10:30.
        Cn.AddWorkingTime(L("2024-02-09 16:00"), TimeSpan.FromHours(4)).ShouldBe(L("2024-02-18 10:30"));
        // From inside the holiday: the first working moment is the 调休 Sunday.
        Cn.NextWorkingMoment(L("2024-02-14 10:00")).ShouldBe(L("2024-02-18 08:30"));
    }

    // ---- 2024 National Day: Oct 1 (Tue) – 7 (Mon) off; Sep 29 (Sun) and Oct 12 (Sat) are workdays --------------------

    [Fact]
    public void National_day_2024()
    {
        // Fri Sep 27 + 2: Sat 28 off; Sun 29 调休 (1); Mon 30 (2).
        Cn.AddWorkingDays(L("2024-09-27 09:00"), 2).ShouldBe(L("2024-09-30 18:00"));
        // + 3: Oct 1–7 off, Tue Oct 8 (3).
        Cn.AddWorkingDays(L("2024-09-27 09:00"), 3).ShouldBe(L("2024-10-08 18:00"));
        // Started on the holiday: counts from Oct 8 08:30.
        Cn.AddWorkingTime(L("2024-10-03 10:00"), TimeSpan.FromHours(1)).ShouldBe(L("2024-10-08 09:30"));
        // Wed Oct 9 + 3: Thu 10 (1), Fri 11 (2), Sat 12 调休 (3).
        Cn.AddWorkingDays(L("2024-10-09 11:00"), 3).ShouldBe(L("2024-10-12 18:00"));
    }

    // ---- 2025 Spring Festival: Jan 28 (Tue) – Feb 4 (Tue) off; Jan 26 (Sun) and Feb 8 (Sat) are workdays --------------

    [Fact]
    public void Spring_festival_2025()
    {
        // Fri Jan 24 + 2: Sat 25 off, Sun 26 调休 (1), Mon 27 (2).
        Cn.AddWorkingDays(L("2025-01-24 16:00"), 2).ShouldBe(L("2025-01-27 18:00"));
        // + 3: Jan 28 – Feb 4 off, Wed Feb 5 (3).
        Cn.AddWorkingDays(L("2025-01-24 16:00"), 3).ShouldBe(L("2025-02-05 18:00"));
        // Mon Jan 27 and Wed Feb 5 are the only working days in between: 2 × 7 h.
        Cn.WorkingTimeBetween(L("2025-01-27 08:30"), L("2025-02-05 18:00")).ShouldBe(TimeSpan.FromHours(14));
        // 23:59 the day before the holiday: the next working moment is Feb 5 08:30.
        Cn.AddWorkingTime(L("2025-01-27 23:59"), TimeSpan.FromHours(1)).ShouldBe(L("2025-02-05 09:30"));
        Cn.AddWorkingDays(L("2025-01-27 23:59"), 1).ShouldBe(L("2025-02-05 18:00"));
        // Thu Feb 6 + 2: Fri 7 (1), Sat 8 调休 (2).
        Cn.AddWorkingDays(L("2025-02-06 10:00"), 2).ShouldBe(L("2025-02-08 18:00"));
    }

    // ---- 2025 National Day & Mid-Autumn: Oct 1 (Wed) – 8 (Wed) off; Sep 28 (Sun) and Oct 11 (Sat) are workdays ----------

    [Fact]
    public void National_day_and_mid_autumn_2025()
    {
        Cn.AddWorkingDays(L("2025-09-26 10:00"), 1).ShouldBe(L("2025-09-28 18:00")); // Sat 27 off, Sun 28 调休
        Cn.AddWorkingDays(L("2025-09-30 10:00"), 1).ShouldBe(L("2025-10-09 18:00")); // Oct 1–8 off
        Cn.AddWorkingDays(L("2025-09-30 10:00"), 3).ShouldBe(L("2025-10-11 18:00")); // Thu 9, Fri 10, Sat 11 调休
        // Tue Sep 30 17:00 + 3 h: 17–18 (1 h), then Thu Oct 9 08:30–10:30.
        Cn.AddWorkingTime(L("2025-09-30 17:00"), TimeSpan.FromHours(3)).ShouldBe(L("2025-10-09 10:30"));
    }

    // ---- 2026 (国务院办公厅 2025-11-04): 元旦 Jan 1–3 off, Jan 4 (Sun) works; 春节 Feb 15 (Sun) – 23 (Mon) off,
    //      Feb 14 (Sat) and Feb 28 (Sat) work; 国庆节 Oct 1–7 off, Sep 20 (Sun) and Oct 10 (Sat) work ----------------------

    [Fact]
    public void Holidays_2026()
    {
        // Wed Dec 31 2025 + 1: Jan 1–3 off, Sun Jan 4 调休.
        Cn.AddWorkingDays(L("2025-12-31 09:00"), 1).ShouldBe(L("2026-01-04 18:00"));
        // Thu Feb 12 + 3: Fri 13 (1), Sat 14 调休 (2), Feb 15–23 off, Tue 24 (3).
        Cn.AddWorkingDays(L("2026-02-12 10:00"), 3).ShouldBe(L("2026-02-24 18:00"));
        // Fri Feb 27 + 1: Sat 28 调休.
        Cn.AddWorkingDays(L("2026-02-27 10:00"), 1).ShouldBe(L("2026-02-28 18:00"));
        // Fri Sep 18 + 1: Sat 19 off, Sun 20 调休.
        Cn.AddWorkingDays(L("2026-09-18 10:00"), 1).ShouldBe(L("2026-09-20 18:00"));
        // Wed Sep 30 + 2: Oct 1–7 off, Thu 8 (1), Fri 9 (2).
        Cn.AddWorkingDays(L("2026-09-30 10:00"), 2).ShouldBe(L("2026-10-09 18:00"));
    }

    // ---- working and natural days ----------------------------------------------------------------------------------

    [Fact]
    public void Working_days_never_count_the_start_day_and_end_at_the_close_of_the_last_day()
    {
        // Mon 2025-03-03 at any time + 1 = Tue 18:00; the start day never counts, even at 08:30.
        Cn.AddWorkingDays(L("2025-03-03 08:30"), 1).ShouldBe(L("2025-03-04 18:00"));
        Cn.AddWorkingDays(L("2025-03-03 23:59"), 1).ShouldBe(L("2025-03-04 18:00"));
        // Started on Saturday: Monday is the first day.
        Cn.AddWorkingDays(L("2025-03-08 10:00"), 1).ShouldBe(L("2025-03-10 18:00"));
        Cn.AddWorkingDays(L("2025-03-07 10:00"), 5).ShouldBe(L("2025-03-14 18:00"));
        Cn.AddWorkingDays(L("2025-03-03 12:00"), 0).ShouldBe(L("2025-03-03 14:30"));
    }

    [Fact]
    public void Natural_days_end_at_midnight_local()
    {
        Cn.AddNaturalDays(L("2025-01-10 15:00"), 3).ShouldBe(L("2025-01-14 00:00"));
        Cn.AddNaturalDays(L("2025-01-10 15:00"), 0).ShouldBe(L("2025-01-11 00:00"));
    }

    [Fact]
    public void Local_dates_use_the_fixed_beijing_offset()
    {
        CalendarDefinition.ChinaOffset.ShouldBe(TimeSpan.FromHours(8));
        var utcMidnight = new DateTimeOffset(2025, 1, 1, 16, 0, 0, TimeSpan.Zero); // local 2025-01-02 00:00
        // Natural: the day after local Jan 2 starts at Jan 3 00:00 +08:00 = Jan 2 16:00Z.
        Cn.AddNaturalDays(utcMidnight, 0).ShouldBe(new DateTimeOffset(2025, 1, 2, 16, 0, 0, TimeSpan.Zero));
        // One tick earlier is still local Jan 1 (元旦): the first working day after it is Thu Jan 2.
        Cn.AddWorkingDays(utcMidnight.AddTicks(-1), 1).ShouldBe(L("2025-01-02 18:00"));
        // At local Jan 2 00:00 the start day is Jan 2: the first working day after it is Fri Jan 3.
        Cn.AddWorkingDays(utcMidnight, 1).ShouldBe(L("2025-01-03 18:00"));
        Cn.IsWorkingTime(new DateTimeOffset(2025, 1, 2, 0, 30, 0, TimeSpan.Zero)).ShouldBeTrue(); // 08:30 local
    }

    [Fact]
    public void Always_open_counts_every_moment()
    {
        var open = WorkingCalendar.AlwaysOpen(TimeSpan.FromHours(8));
        var start = L("2025-01-01 10:15"); // 元旦 does not matter
        open.IsWorkingTime(start).ShouldBeTrue();
        open.AddWorkingTime(start, TimeSpan.FromHours(30)).ShouldBe(start.AddHours(30));
        open.WorkingTimeBetween(start, start.AddDays(9)).ShouldBe(TimeSpan.FromDays(9));
        open.AddWorkingDays(start, 1).ShouldBe(L("2025-01-03 00:00")); // end of Jan 2 = 24:00
        open.HoursOn(new DateOnly(2025, 1, 1)).ShouldBe([new WorkInterval(0, 1440)]);

        // AlwaysOpen in a definition ignores its special days.
        var def = CalendarDefinition.ChinaStandard() with { AlwaysOpen = true };
        WorkingCalendar.Compile(def).IsWorkingDay(new DateOnly(2025, 1, 28)).ShouldBeTrue();
    }

    [Fact]
    public void Dates_outside_the_precomputed_range_follow_the_weekly_pattern()
    {
        // 1980-01-07 and 2150-01-05 are Mondays.
        Cn.AddWorkingDays(L("1980-01-07 10:00"), 5).ShouldBe(L("1980-01-14 18:00"));
        Cn.AddWorkingTime(L("2150-01-09 17:00"), TimeSpan.FromHours(2)).ShouldBe(L("2150-01-12 09:30")); // Fri → Mon
        Cn.WorkingTimeBetween(L("1980-01-07 00:00"), L("2150-01-05 00:00")).ShouldBe(
            Cn.WorkingTimeBetween(L("1980-01-07 00:00"), L("1990-01-01 00:00"))
            + Cn.WorkingTimeBetween(L("1990-01-01 00:00"), L("2150-01-05 00:00")));
        Cn.AddWorkingDays(DateTimeOffset.MaxValue, 1).ShouldBe(DateTimeOffset.MaxValue);
        Cn.AddWorkingTime(DateTimeOffset.MinValue, TimeSpan.FromHours(1)).ShouldBe(L("0001-01-01 09:30")); // a Monday
    }

    [Fact]
    public void A_calendar_without_working_time_never_reaches_a_deadline()
    {
        IReadOnlyList<WorkInterval> none = [];
        var closed = WorkingCalendar.Compile(new CalendarDefinition(false, [none, none, none, none, none, none, none], none, [], TimeSpan.Zero));
        closed.AddWorkingTime(L("2025-03-03 10:00"), TimeSpan.FromMinutes(1)).ShouldBe(DateTimeOffset.MaxValue);
        closed.AddWorkingDays(L("2025-03-03 10:00"), 1).ShouldBe(DateTimeOffset.MaxValue);
        closed.NextWorkingMoment(L("2025-03-03 10:00")).ShouldBe(DateTimeOffset.MaxValue);
    }

    // ---- deadlines and pauses --------------------------------------------------------------------------------------

    [Fact]
    public void Deadline_uses_the_limit_kind()
    {
        var start = L("2025-03-07 16:00"); // Friday
        Cn.Deadline(start, new TimeLimit(4, LimitUnit.Hours, TimeBasis.Working)).ShouldBe(L("2025-03-10 10:30"));
        Cn.Deadline(start, new TimeLimit(30, LimitUnit.Minutes, TimeBasis.Working)).ShouldBe(L("2025-03-07 16:30"));
        Cn.Deadline(start, new TimeLimit(2, LimitUnit.Days, TimeBasis.Working)).ShouldBe(L("2025-03-11 18:00"));
        Cn.Deadline(start, new TimeLimit(48, LimitUnit.Hours, TimeBasis.Natural)).ShouldBe(L("2025-03-09 16:00"));
        Cn.Deadline(start, new TimeLimit(2, LimitUnit.Days, TimeBasis.Natural)).ShouldBe(L("2025-03-10 00:00"));
    }

    [Fact]
    public void A_pause_over_the_lunch_break_counts_nothing()
    {
        var limit = new TimeLimit(4, LimitUnit.Hours, TimeBasis.Working);
        // Mon 09:00 + 4 h = 09–12 (3 h) + 14:30–15:30.
        Cn.Deadline(L("2025-03-03 09:00"), limit).ShouldBe(L("2025-03-03 15:30"));
        Cn.Deadline(L("2025-03-03 09:00"), limit, [P("2025-03-03 12:00", "2025-03-03 14:30")]).ShouldBe(L("2025-03-03 15:30"));
        Cn.Elapsed(L("2025-03-03 09:00"), L("2025-03-03 16:00"), TimeBasis.Working, [P("2025-03-03 12:00", "2025-03-03 14:30")])
            .ShouldBe(TimeSpan.FromHours(4.5));
        // 11:00–15:00 covers 1 h + 0.5 h of working time: 15:30 + 1.5 h = 17:00.
        Cn.Deadline(L("2025-03-03 09:00"), limit, [P("2025-03-03 11:00", "2025-03-03 15:00")]).ShouldBe(L("2025-03-03 17:00"));
    }

    [Fact]
    public void A_pause_across_a_weekend_pushes_by_the_working_time_it_covers()
    {
        // Fri Mar 7 09:00 + 3 working days = Wed Mar 12 18:00. The pause Fri 16:00 – Mon 10:00 counts only from day 1
        // (Friday is the start day, which never counts): Mon 08:30–10:00 = 1.5 h, so Thu Mar 13 08:30 + 1.5 h = 10:00.
        var pause = P("2025-03-07 16:00", "2025-03-10 10:00");
        Cn.Deadline(L("2025-03-07 09:00"), new TimeLimit(3, LimitUnit.Days, TimeBasis.Working), [pause]).ShouldBe(L("2025-03-13 10:00"));
        // Natural: end of Mon Mar 10 (Tue 00:00) + the 58 h of the pause from Sat 00:00 = Thu Mar 13 10:00.
        Cn.Deadline(L("2025-03-07 09:00"), new TimeLimit(3, LimitUnit.Days, TimeBasis.Natural), [pause]).ShouldBe(L("2025-03-13 10:00"));
        // A pause inside the start day alone moves nothing.
        Cn.Deadline(L("2025-03-07 09:00"), new TimeLimit(3, LimitUnit.Days, TimeBasis.Working), [P("2025-03-07 10:00", "2025-03-07 17:00")])
            .ShouldBe(L("2025-03-12 18:00"));
        Cn.Elapsed(L("2025-03-07 09:00"), L("2025-03-10 12:00"), TimeBasis.Working, [pause]).ShouldBe(TimeSpan.FromHours(5 + 1.5));
    }

    [Fact]
    public void Pauses_brought_inside_by_the_push_count_and_overlapping_pauses_count_once()
    {
        var limit = new TimeLimit(2, LimitUnit.Hours, TimeBasis.Working);
        // Mon 09:00 + 2 h = 11:00. Pausing 10:00–10:30 pushes to 11:30, which brings 11:00–11:30 inside: 12:00.
        Cn.Deadline(L("2025-03-03 09:00"), limit, [P("2025-03-03 11:00", "2025-03-03 11:30"), P("2025-03-03 10:00", "2025-03-03 10:30")])
            .ShouldBe(L("2025-03-03 12:00"));
        // 10:00–11:00 and 10:30–11:30 merge to 1.5 h (not 2 h): 11:00 + 1.5 h = 11–12, 14:30–15:00.
        Cn.Deadline(L("2025-03-03 09:00"), limit, [P("2025-03-03 10:00", "2025-03-03 11:00"), P("2025-03-03 10:30", "2025-03-03 11:30")])
            .ShouldBe(L("2025-03-03 15:00"));
        // A pause starting exactly at the deadline does not move it; a pause before the start is ignored.
        Cn.Deadline(L("2025-03-03 09:00"), limit, [P("2025-03-03 11:00", "2025-03-03 12:00")]).ShouldBe(L("2025-03-03 11:00"));
        Cn.Deadline(L("2025-03-03 09:00"), limit, [P("2025-03-02 11:00", "2025-03-03 08:00")]).ShouldBe(L("2025-03-03 11:00"));
    }

    [Fact]
    public void An_open_pause_makes_the_deadline_unknown_only_if_reached()
    {
        var limit = new TimeLimit(8, LimitUnit.Hours, TimeBasis.Working);
        // Mon 09:00 + 8 h: Mon 6.5 h, Tue 08:30 + 1.5 h = 10:00.
        Cn.Deadline(L("2025-03-03 09:00"), limit, [P("2025-03-03 10:00", null)]).ShouldBe(DateTimeOffset.MaxValue);
        Cn.Deadline(L("2025-03-03 09:00"), limit, [P("2025-03-05 10:00", null)]).ShouldBe(L("2025-03-04 10:00"));
        // Elapsed: an open pause runs to the end of the span.
        Cn.Elapsed(L("2025-03-03 09:00"), L("2025-03-03 18:00"), TimeBasis.Working, [P("2025-03-03 15:00", null)]).ShouldBe(TimeSpan.FromHours(3.5));
        Cn.Elapsed(L("2025-03-03 09:00"), L("2025-03-03 18:00"), TimeBasis.Natural, [P("2025-03-03 15:00", null)]).ShouldBe(TimeSpan.FromHours(6));
    }

    [Fact]
    public void Elapsed_counts_working_or_natural_time()
    {
        Cn.Elapsed(L("2025-03-07 17:00"), L("2025-03-10 09:00"), TimeBasis.Working).ShouldBe(TimeSpan.FromHours(1.5));
        Cn.Elapsed(L("2025-03-07 17:00"), L("2025-03-10 09:00"), TimeBasis.Natural).ShouldBe(TimeSpan.FromHours(64));
        Cn.Elapsed(L("2025-03-10 09:00"), L("2025-03-07 17:00"), TimeBasis.Natural).ShouldBe(TimeSpan.Zero);
    }

    // ---- definitions -----------------------------------------------------------------------------------------------

    [Fact]
    public void Invalid_definitions_are_reported_with_locations_and_refused_by_compile()
    {
        var bad = CalendarDefinition.Standard() with
        {
            Week = [[], [new(510, 720), new(660, 780)], [new(870, 1080), new(510, 720)], [new(600, 600)], [], [], []],
            SpecialDays = [new(new DateOnly(2025, 1, 1), DayKind.Holiday, "元旦"), new(new DateOnly(2025, 1, 1), DayKind.Workday, "x")],
        };
        bad.Validate().ShouldBe([
            "week.monday[1]: 11:00-13:00 overlaps 08:30-12:00",
            "week.tuesday[1]: 08:30-12:00 is not after 14:30-18:00 (intervals must be sorted)",
            "week.wednesday[0]: 600-600 minutes is not a range within 00:00-24:00 with start before end",
            "specialDays[1]: 2025-01-01 is both holiday (specialDays[0]) and workday",
        ]);
        Should.Throw<ArgumentException>(() => WorkingCalendar.Compile(bad)).Message.ShouldContain("week.monday[1]");
        CalendarDefinition.ChinaStandard().Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("08:30-12:00", 510, 720)]
    [InlineData("8:30-12:00", 510, 720)]
    [InlineData("00:00-24:00", 0, 1440)]
    [InlineData("14:30–18:00", 870, 1080)]
    public void Intervals_parse_from_text(string text, int start, int end)
    {
        WorkInterval.Parse(text).ShouldBe(new WorkInterval(start, end));
        WorkInterval.Parse(text).ToString().ShouldBe($"{start / 60:00}:{start % 60:00}-{end / 60:00}:{end % 60:00}");
    }

    [Theory]
    [InlineData("12:00-08:30")]
    [InlineData("08:30-25:00")]
    [InlineData("24:30-24:40")]
    [InlineData("08:60-09:00")]
    [InlineData("0830-1200")]
    [InlineData("")]
    public void Bad_interval_text_is_refused(string text) => WorkInterval.TryParse(text, out _).ShouldBeFalse();
}
