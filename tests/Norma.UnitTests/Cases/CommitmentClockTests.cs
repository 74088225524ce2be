using Norma.Rules.Calendars;
using Norma.Rules.Cases;

namespace Norma.UnitTests.Cases;

/// <summary>
/// The commitment clock on the China calendar: Mon–Fri 08:30–12:00 and 14:30–18:00 (7 working hours a day), the shipped
/// 2025 holidays, +08:00. Every expected instant is worked out by hand in the comments. 2025-03-03 is an ordinary Monday,
/// 2025-03-07 an ordinary Friday.
/// </summary>
public class CommitmentClockTests
{
    private static readonly WorkingCalendar Cn = WorkingCalendar.Compile(CalendarDefinition.ChinaStandard());

    private static readonly TimeLimit FourWorkingHours = new(4, LimitUnit.Hours, TimeBasis.Working);

    /// <summary>A Beijing local time, e.g. L("2025-03-03 10:00").</summary>
    private static DateTimeOffset L(string local) =>
        DateTimeOffset.Parse(local + " +08:00", System.Globalization.CultureInfo.InvariantCulture);

    private static Pause P(string from, string? to) => new(L(from), to is null ? null : L(to));

    private static ClockInput Clock(string start, TimeLimit limit, int warnAt = 80, IReadOnlyList<Pause>? pauses = null,
        TimeLimit? extension = null, string? metAt = null) =>
        new(L(start), limit, warnAt, pauses ?? [], extension, metAt is null ? null : L(metAt));

    private static ClockReading Read(ClockInput input, string now) => CommitmentClock.Read(Cn, input, L(now));

    private static TimeSpan H(double hours) => TimeSpan.FromHours(hours);

    [Fact]
    public void Four_working_hours_from_friday_afternoon_end_on_monday_morning()
    {
        // Fri 16:00–18:00 = 2 h; the weekend counts nothing; Mon 08:30 + the other 2 h = 10:30.
        var reading = Read(Clock("2025-03-07 16:00", FourWorkingHours), "2025-03-07 17:00");
        reading.Due.ShouldBe(L("2025-03-10 10:30"));
        reading.State.ShouldBe(ClockState.Running);
        reading.Remaining.ShouldBe(H(3));   // 17–18 (1 h) + Mon 08:30–10:30 (2 h)
        reading.Late.ShouldBeNull();

        // Fri 16:30–18:00 = 1.5 h; Mon 08:30 + 2.5 h = 11:00.
        Read(Clock("2025-03-07 16:30", FourWorkingHours), "2025-03-07 17:00").Due.ShouldBe(L("2025-03-10 11:00"));

        // Read over the weekend, nothing has been counted since Friday 18:00: 2 h left.
        Read(Clock("2025-03-07 16:00", FourWorkingHours), "2025-03-08 12:00").Remaining.ShouldBe(H(2));
    }

    [Fact]
    public void A_closed_pause_moves_the_due_by_the_working_time_it_covers()
    {
        // Unpaused: Mon 09:00 + 4 wh = 09:00–12:00 (3 h) + 14:30–15:30 (1 h) → 15:30.
        Read(Clock("2025-03-03 09:00", FourWorkingHours), "2025-03-03 09:00").Due.ShouldBe(L("2025-03-03 15:30"));

        // Paused 11:00–15:00 covers 11:00–12:00 (1 h) + 14:30–15:00 (0.5 h) of working time → due 15:30 + 1.5 h = 17:00.
        var input = Clock("2025-03-03 09:00", FourWorkingHours, warnAt: 0, pauses: [P("2025-03-03 11:00", "2025-03-03 15:00")]);
        var reading = Read(input, "2025-03-03 16:00");
        reading.Due.ShouldBe(L("2025-03-03 17:00"));
        reading.WarnAt.ShouldBeNull(); // 0 % = no warning
        reading.State.ShouldBe(ClockState.Running);
        reading.Remaining.ShouldBe(H(1));
    }

    [Fact]
    public void An_open_pause_stops_the_clock_with_what_was_left()
    {
        // Mon 09:00 + 4 wh, paused at 10:00 and not resumed: 1 h was used, 3 h are left whenever it is read.
        var input = Clock("2025-03-03 09:00", FourWorkingHours, pauses: [P("2025-03-03 10:00", null)]);
        var reading = Read(input, "2025-03-04 15:00");
        reading.State.ShouldBe(ClockState.Paused);
        reading.Due.ShouldBeNull();
        reading.WarnAt.ShouldBeNull();
        reading.Remaining.ShouldBe(H(3));
        reading.Late.ShouldBeNull();

        // Read exactly when the pause began: already Paused.
        Read(input, "2025-03-03 10:00").State.ShouldBe(ClockState.Paused);

        // Read before the (already recorded) pause begins: still running, 09:00–09:30 used, 3.5 h left; due unknown.
        var before = Read(input, "2025-03-03 09:30");
        before.State.ShouldBe(ClockState.Running);
        before.Due.ShouldBeNull();
        before.Remaining.ShouldBe(H(3.5));

        // An earlier closed pause 09:15–09:45 is not counted: used 09:00–09:15 + 09:45–10:00 = 0.5 h, 3.5 h left.
        var twice = Clock("2025-03-03 09:00", FourWorkingHours, pauses: [P("2025-03-03 09:15", "2025-03-03 09:45"), P("2025-03-03 10:00", null)]);
        Read(twice, "2025-03-05 10:00").Remaining.ShouldBe(H(3.5));
    }

    [Fact]
    public void An_open_pause_after_the_due_does_not_hide_a_breach()
    {
        // Due Mon 15:30 (see above); paused from 16:00 on: late 15:30–16:00 = 0.5 h, the paused hour does not count.
        var input = Clock("2025-03-03 09:00", FourWorkingHours, pauses: [P("2025-03-03 16:00", null)]);
        var reading = Read(input, "2025-03-03 17:00");
        reading.State.ShouldBe(ClockState.Breached);
        reading.Due.ShouldBe(L("2025-03-03 15:30"));
        reading.Late.ShouldBe(H(0.5));
        reading.Remaining.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void The_breach_happens_exactly_at_the_due_instant()
    {
        // Mon 09:00 + 4 wh → 15:30. WarnAt 80 % of 4 h = 3 h 12 min: 09:00–12:00 (3 h) + 14:30–14:42 → 14:42.
        var input = Clock("2025-03-03 09:00", FourWorkingHours);

        var justBefore = Read(input, "2025-03-03 15:29:59");
        justBefore.State.ShouldBe(ClockState.Warning);
        justBefore.WarnAt.ShouldBe(L("2025-03-03 14:42"));
        justBefore.Remaining.ShouldBe(TimeSpan.FromSeconds(1));

        var atDue = Read(input, "2025-03-03 15:30");
        atDue.State.ShouldBe(ClockState.Breached);
        atDue.Late.ShouldBe(TimeSpan.Zero);
        atDue.Remaining.ShouldBe(TimeSpan.Zero);

        // Met at the due instant: Met, read at any later moment.
        var met = Read(input with { MetAt = L("2025-03-03 15:30") }, "2025-03-04 10:00");
        met.State.ShouldBe(ClockState.Met);
        met.Late.ShouldBeNull();
        met.Remaining.ShouldBe(TimeSpan.Zero);

        // Met at 14:00 (lunch break): 1 h (14:30–15:30) was left, and stays so however late it is read.
        var early = Read(input with { MetAt = L("2025-03-03 14:00") }, "2025-03-20 10:00");
        early.State.ShouldBe(ClockState.Met);
        early.Remaining.ShouldBe(H(1));
    }

    [Fact]
    public void Late_is_counted_working_time_past_the_due()
    {
        var input = Clock("2025-03-03 09:00", FourWorkingHours);

        // Breached, read Tue 09:00: Mon 15:30–18:00 (2.5 h) + Tue 08:30–09:00 (0.5 h) = 3 h late.
        var breached = Read(input, "2025-03-04 09:00");
        breached.State.ShouldBe(ClockState.Breached);
        breached.Late.ShouldBe(H(3));

        // Met Mon 17:00: 15:30–17:00 = 1.5 h late, read whenever.
        var metLate = Read(input with { MetAt = L("2025-03-03 17:00") }, "2025-03-05 09:00");
        metLate.State.ShouldBe(ClockState.MetLate);
        metLate.Due.ShouldBe(L("2025-03-03 15:30"));
        metLate.Late.ShouldBe(H(1.5));
        metLate.Remaining.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void The_warning_starts_at_eighty_percent_of_ten_working_hours()
    {
        // Mon 08:30 + 10 wh: Monday's 7 h, then Tue 08:30 + 3 h = 11:30. 80 % = 8 h: Monday's 7 h + Tue 08:30–09:30.
        var input = Clock("2025-03-03 08:30", new TimeLimit(10, LimitUnit.Hours, TimeBasis.Working));
        var running = Read(input, "2025-03-04 09:29");
        running.Due.ShouldBe(L("2025-03-04 11:30"));
        running.WarnAt.ShouldBe(L("2025-03-04 09:30"));
        running.State.ShouldBe(ClockState.Running);

        var warning = Read(input, "2025-03-04 09:30");
        warning.State.ShouldBe(ClockState.Warning);
        warning.Remaining.ShouldBe(H(2));

        // With a pause Mon 14:30–15:30 (1 h): due Tue 08:30 + 4 h = 08:30–12:00 (3.5 h) + 14:30–15:00 → 15:00.
        // 8 h counted outside the pause: Mon 08:30–12:00 (3.5 h) + 15:30–18:00 (2.5 h) = 6 h, then Tue 08:30 + 2 h = 10:30.
        var paused = Read(input with { Pauses = [P("2025-03-03 14:30", "2025-03-03 15:30")] }, "2025-03-04 10:30");
        paused.Due.ShouldBe(L("2025-03-04 15:00"));
        paused.WarnAt.ShouldBe(L("2025-03-04 10:30"));
        paused.State.ShouldBe(ClockState.Warning);

        // 37 % of 10 h = 3 h 42 min: 08:30–12:00 (3.5 h) + 14:30–14:42. 100 % = Due.
        Read(input with { WarnAtPercent = 37 }, "2025-03-03 09:00").WarnAt.ShouldBe(L("2025-03-03 14:42"));
        Read(input with { WarnAtPercent = 100 }, "2025-03-03 09:00").WarnAt.ShouldBe(L("2025-03-04 11:30"));
    }

    [Fact]
    public void The_warning_instant_is_exact_to_the_second()
    {
        // 1 % of 4 h = 2.4 min = 2 min 24 s after Mon 09:00.
        Read(Clock("2025-03-03 09:00", FourWorkingHours, warnAt: 1), "2025-03-03 09:00").WarnAt.ShouldBe(L("2025-03-03 09:02:24"));
    }

    [Fact]
    public void Three_working_days_across_the_2025_national_day_holiday()
    {
        // Start Tue Sep 30 (the start day does not count); Oct 1–8 off; Thu Oct 9 (1), Fri Oct 10 (2), Sat Oct 11 调休 (3).
        var input = Clock("2025-09-30 10:00", new TimeLimit(3, LimitUnit.Days, TimeBasis.Working));
        var reading = Read(input, "2025-10-05 10:00");
        reading.Due.ShouldBe(L("2025-10-11 18:00"));
        reading.State.ShouldBe(ClockState.Running);
        reading.Remaining.ShouldBe(H(21)); // three full working days, none used yet

        // The warning: 80 % of the 21 h counted from the start of day 1 (Oct 1 00:00) = 16 h 48 min:
        // Oct 9 (7 h) + Oct 10 (7 h) + Oct 11 08:30 + 2 h 48 min = 11:18.
        reading.WarnAt.ShouldBe(L("2025-10-11 11:18"));

        // Read on the start day: its remaining hours are not part of the limit.
        Read(input, "2025-09-30 10:00").Remaining.ShouldBe(H(21));
    }

    [Fact]
    public void Three_working_days_across_an_adjusted_working_day()
    {
        // Fri Sep 26: Sat 27 off, Sun 28 调休 (1), Mon 29 (2), Tue 30 (3).
        Read(Clock("2025-09-26 10:00", new TimeLimit(3, LimitUnit.Days, TimeBasis.Working)), "2025-09-26 10:00")
            .Due.ShouldBe(L("2025-09-30 18:00"));

        // Thu Oct 9: Fri 10 (1), Sat 11 调休 (2), Sun 12 off, Mon 13 (3).
        Read(Clock("2025-10-09 11:00", new TimeLimit(3, LimitUnit.Days, TimeBasis.Working)), "2025-10-09 11:00")
            .Due.ShouldBe(L("2025-10-13 18:00"));
    }

    [Fact]
    public void An_extension_counts_from_the_unextended_due()
    {
        // Mon 2025-11-03 + 20 wd (no holidays in Nov/Dec 2025 before Jan 1): Nov 4–7 (4), 10–14 (9), 17–21 (14),
        // 24–28 (19), Mon Dec 1 (20) → Dec 1 18:00. + 10 wd from Dec 1: Dec 2–5 (4), 8–12 (9), Mon Dec 15 (10) → 18:00.
        var limit = new TimeLimit(20, LimitUnit.Days, TimeBasis.Working);
        var extension = new TimeLimit(10, LimitUnit.Days, TimeBasis.Working);
        Read(Clock("2025-11-03 10:00", limit), "2025-11-03 10:00").Due.ShouldBe(L("2025-12-01 18:00"));

        var extended = Read(Clock("2025-11-03 10:00", limit, extension: extension), "2025-12-12 18:00");
        extended.Due.ShouldBe(L("2025-12-15 18:00"));
        extended.State.ShouldBe(ClockState.Warning); // 80 % of 30 days = 24 days → Dec 5 18:00
        extended.WarnAt.ShouldBe(L("2025-12-05 18:00"));
        extended.Remaining.ShouldBe(H(7)); // Monday Dec 15
    }

    [Fact]
    public void Natural_hours_ignore_the_working_hours()
    {
        // Fri 16:00 + 48 h = Sun 16:00, weekend included; 80 % = 38 h 24 min → Sun 06:24.
        var input = Clock("2025-03-07 16:00", new TimeLimit(48, LimitUnit.Hours, TimeBasis.Natural));
        var reading = Read(input, "2025-03-08 16:00");
        reading.Due.ShouldBe(L("2025-03-09 16:00"));
        reading.WarnAt.ShouldBe(L("2025-03-09 06:24"));
        reading.Remaining.ShouldBe(H(24));
        reading.State.ShouldBe(ClockState.Running);

        // A natural pause counts in plain hours: paused Sat 20:00–Sun 02:00 (6 h) → due Sun 22:00.
        Read(input with { Pauses = [P("2025-03-08 20:00", "2025-03-09 02:00")] }, "2025-03-08 16:00").Due.ShouldBe(L("2025-03-09 22:00"));
    }

    [Fact]
    public void Waiting_for_parts_does_not_stop_an_arrival_clock()
    {
        PauseRules.Stops(PauseReason.WaitingForParts, ClockMetric.Arrival).ShouldBeFalse();
        PauseRules.Stops(PauseReason.WaitingForParts, ClockMetric.FirstResponse).ShouldBeFalse();
        PauseRules.Stops(PauseReason.WaitingForParts, ClockMetric.Resolution).ShouldBeTrue();
        PauseRules.Stops(PauseReason.WaitingForCustomer, ClockMetric.Arrival).ShouldBeTrue();

        (PauseReason Reason, Pause Pause)[] recorded = [(PauseReason.WaitingForParts, P("2025-03-03 10:00", "2025-03-03 11:00"))];
        List<Pause> For(ClockMetric metric) => [.. recorded.Where(r => PauseRules.Stops(r.Reason, metric)).Select(r => r.Pause)];

        // Arrival: the parts pause does not count, due stays Mon 15:30. Resolution: 1 h paused → 16:30.
        Read(Clock("2025-03-03 09:00", FourWorkingHours, pauses: For(ClockMetric.Arrival)), "2025-03-03 09:00").Due.ShouldBe(L("2025-03-03 15:30"));
        Read(Clock("2025-03-03 09:00", FourWorkingHours, pauses: For(ClockMetric.Resolution)), "2025-03-03 09:00").Due.ShouldBe(L("2025-03-03 16:30"));
    }
}
