using Norma.Rules.Calendars;

namespace Norma.UnitTests.Calendars;

/// <summary>
/// Seeded random checks of <see cref="WorkingCalendar"/> against <see cref="NaiveCalendar"/> (date-by-date and
/// minute-by-minute walks over the definition) and against algebraic properties. Failures print the case.
/// </summary>
public class WorkingCalendarPropertyTests
{
    private static readonly TimeSpan[] Offsets = [TimeSpan.FromHours(8), TimeSpan.Zero, TimeSpan.FromHours(-5), new(5, 45, 0), TimeSpan.FromHours(14), TimeSpan.FromHours(-12)];

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    /// <summary>Seed 1 is the China calendar; others are random weeks, adjusted hours, special days and offsets.</summary>
    private static CalendarDefinition Definition(int seed)
    {
        if (seed == 1)
        {
            return CalendarDefinition.ChinaStandard();
        }

        var rng = new Random(seed * 7919);
        var week = new IReadOnlyList<WorkInterval>[7];
        for (var d = 0; d < 7; d++)
        {
            week[d] = RandomIntervals(rng, rng.Next(0, 4));
        }

        week[3] = week[3].Count == 0 ? RandomIntervals(rng, 1) : week[3]; // some working time every week
        var specials = new Dictionary<DateOnly, SpecialDay>();
        for (var i = 0; i < 60; i++)
        {
            var date = new DateOnly(2023, 1, 1).AddDays(rng.Next(0, 4 * 365));
            specials[date] = new SpecialDay(date, rng.Next(2) == 0 ? DayKind.Holiday : DayKind.Workday, "x");
        }

        // A few special days at the edges of the default precomputed range (1990–2100) too.
        specials[new DateOnly(2100, 12, 31)] = new SpecialDay(new DateOnly(2100, 12, 31), DayKind.Holiday, "edge");
        specials[new DateOnly(1990, 1, 2)] = new SpecialDay(new DateOnly(1990, 1, 2), DayKind.Workday, "edge");
        return new CalendarDefinition(false, week, RandomIntervals(rng, rng.Next(1, 3)), [.. specials.Values], Offsets[seed % Offsets.Length]);
    }

    private static List<WorkInterval> RandomIntervals(Random rng, int count)
    {
        var points = new SortedSet<int>();
        while (points.Count < count * 2)
        {
            points.Add(rng.Next(0, 1441));
        }

        var p = points.ToList();
        return [.. Enumerable.Range(0, count).Select(i => new WorkInterval(p[2 * i], p[(2 * i) + 1]))];
    }

    /// <summary>Random instants, mostly 2023–2026, some around the edges of the precomputed range; half of them whole minutes.</summary>
    private static DateTimeOffset RandomInstant(Random rng, bool wholeMinutes = false)
    {
        var (from, days) = rng.Next(10) switch
        {
            0 => (new DateTime(1989, 12, 1), 60),
            1 => (new DateTime(2100, 11, 20), 60),
            _ => (new DateTime(2023, 1, 1), 4 * 365),
        };
        var ticks = rng.NextInt64(0, days * TimeSpan.TicksPerDay);
        if (wholeMinutes || rng.Next(2) == 0)
        {
            ticks -= ticks % TimeSpan.TicksPerMinute;
        }

        return new DateTimeOffset(from.Ticks + ticks, TimeSpan.Zero);
    }

    private static TimeSpan RandomDuration(Random rng) => rng.Next(4) switch
    {
        0 => TimeSpan.FromTicks(rng.NextInt64(1, TimeSpan.TicksPerHour)),
        1 => TimeSpan.FromMinutes(rng.Next(1, 60 * 24)),
        _ => TimeSpan.FromMinutes(rng.Next(1, 60 * 21 * 2)), // up to 6 China working days
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Fast_results_equal_the_naive_walk(int seed)
    {
        var def = Definition(seed);
        var cal = WorkingCalendar.Compile(def);
        var naive = new NaiveCalendar(def);
        var rng = new Random(seed);
        for (var i = 0; i < 1500; i++)
        {
            var s = RandomInstant(rng);
            var d = RandomDuration(rng);
            var n = rng.Next(1, 12);
            var b = s + TimeSpan.FromTicks(rng.NextInt64(0, 20 * TimeSpan.TicksPerDay));
            var c = $"case {i}: s={s:O} d={d} n={n} b={b:O}";
            cal.IsWorkingTime(s).ShouldBe(naive.IsWorking(s), c);
            cal.AddWorkingTime(s, d).ShouldBe(naive.AddWorkingTime(s, d), c);
            cal.AddWorkingTime(s, TimeSpan.Zero).ShouldBe(naive.AddWorkingTime(s, TimeSpan.Zero), c);
            cal.NextWorkingMoment(s).ShouldBe(naive.AddWorkingTime(s, TimeSpan.Zero), c);
            cal.WorkingTimeBetween(s, b).ShouldBe(naive.Between(s, b), c);
            cal.AddWorkingDays(s, n).ShouldBe(naive.AddWorkingDays(s, n), c);
            var date = naive.LocalDate(s);
            cal.HoursOn(date).ShouldBe(naive.Hours(date), c);
            cal.IsWorkingDay(date).ShouldBe(naive.Hours(date).Count > 0, c);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Adding_then_measuring_gives_back_the_duration_and_additions_compose(int seed)
    {
        var cal = WorkingCalendar.Compile(Definition(seed));
        var rng = new Random(seed + 100);
        for (var i = 0; i < 3000; i++)
        {
            var s = RandomInstant(rng);
            var a = rng.Next(5) == 0 ? TimeSpan.Zero : RandomDuration(rng);
            var b = RandomDuration(rng); // b > 0
            var c = $"case {i}: s={s:O} a={a} b={b}";
            var end = cal.AddWorkingTime(s, a);
            cal.WorkingTimeBetween(s, end).ShouldBe(a, c);
            // Holds for every start and every a ≥ 0 as long as b > 0: the first result is the earliest instant with
            // a working time behind it, and adding more working time from there is adding a + b from the start.
            cal.AddWorkingTime(end, b).ShouldBe(cal.AddWorkingTime(s, a + b), c);
            // The deadline itself is never "after" working time that is not needed: just before it, less has passed.
            if (a > TimeSpan.Zero)
            {
                cal.WorkingTimeBetween(s, end.AddTicks(-1)).ShouldBe(a - TimeSpan.FromTicks(1), c);
            }
        }

        // With b = 0 it does not hold in general: 10:00 + 2 h is 12:00, and adding zero to 12:00 moves to 14:30.
        var cn = WorkingCalendarTests.Cn;
        var start = WorkingCalendarTests.L("2025-03-03 10:00");
        cn.AddWorkingTime(cn.AddWorkingTime(start, TimeSpan.FromHours(2)), TimeSpan.Zero).ShouldNotBe(cn.AddWorkingTime(start, TimeSpan.FromHours(2)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Results_grow_with_the_start_and_the_duration(int seed)
    {
        var cal = WorkingCalendar.Compile(Definition(seed));
        var rng = new Random(seed + 200);
        for (var i = 0; i < 3000; i++)
        {
            var s1 = RandomInstant(rng);
            var s2 = s1 + TimeSpan.FromTicks(rng.NextInt64(0, 3 * TimeSpan.TicksPerDay));
            var d1 = RandomDuration(rng);
            var d2 = d1 + RandomDuration(rng);
            var n = rng.Next(1, 8);
            var c = $"case {i}: s1={s1:O} s2={s2:O} d1={d1} d2={d2}";
            cal.AddWorkingTime(s1, d1).ShouldBeLessThanOrEqualTo(cal.AddWorkingTime(s2, d1), c);
            cal.AddWorkingTime(s1, d1).ShouldBeLessThan(cal.AddWorkingTime(s1, d2), c);
            cal.AddWorkingDays(s1, n).ShouldBeLessThanOrEqualTo(cal.AddWorkingDays(s2, n), c);
            cal.AddWorkingDays(s1, n).ShouldBeLessThan(cal.AddWorkingDays(s1, n + 1), c);
            cal.WorkingTimeBetween(s1, s2).ShouldBeLessThanOrEqualTo(s2 - s1, c);
            cal.AddWorkingTime(s1, d1).ShouldBeGreaterThan(s1, c);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Deadlines_and_elapsed_time_with_pauses_equal_a_minute_by_minute_walk(int seed)
    {
        var def = Definition(seed);
        var cal = WorkingCalendar.Compile(def);
        var naive = new NaiveCalendar(def);
        var rng = new Random(seed + 300);
        for (var i = 0; i < 250; i++)
        {
            var s = RandomInstant(rng, wholeMinutes: true);
            var pauses = new List<Pause>();
            for (var k = rng.Next(0, 4); k > 0; k--)
            {
                var from = s.AddMinutes(rng.Next(-600, 3 * 1440));
                pauses.Add(new Pause(from, rng.Next(12) == 0 ? null : from.AddMinutes(rng.Next(1, 1440))));
            }

            var basis = rng.Next(2) == 0 ? TimeBasis.Working : TimeBasis.Natural;
            var working = basis == TimeBasis.Working;
            var c = $"case {i}: s={s:O} basis={basis} pauses=[{string.Join(", ", pauses.Select(p => $"{p.From:O}..{p.To:O}"))}]";

            // Minute and hour limits: count the needed minutes outside the pauses.
            var minutes = rng.Next(1, working ? 600 : 3000);
            cal.Deadline(s, new TimeLimit(minutes, LimitUnit.Minutes, basis), pauses)
                .ShouldBe(naive.MinuteWalk(s, minutes, working, pauses), c + $" limit={minutes}min");

            // Day limits: from the start of day 1 (the start day never counts), the counted time to the unpaused
            // deadline, then the same walk.
            var days = rng.Next(1, 4);
            var dayOne = naive.At(naive.LocalDate(s).AddDays(1), 0);
            var unpaused = working ? naive.AddWorkingDays(s, days) : naive.At(naive.LocalDate(s).AddDays(days + 1), 0);
            var need = (int)(working ? naive.Between(dayOne, unpaused) : unpaused - dayOne).TotalMinutes;
            cal.Deadline(s, new TimeLimit(days, LimitUnit.Days, basis), pauses)
                .ShouldBe(naive.MinuteWalk(dayOne, need, working, pauses), c + $" limit={days}d");

            // Elapsed with pauses = elapsed without, minus the (merged) pause overlap, minute by minute.
            var to = s.AddMinutes(rng.Next(0, 3 * 1440));
            cal.Elapsed(s, to, basis, pauses).ShouldBe(TimeSpan.FromMinutes(naive.CountMinutes(s, to, working, pauses)), c + $" to={to:O}");
            cal.Elapsed(s, to, basis).ShouldBe(TimeSpan.FromMinutes(naive.CountMinutes(s, to, working, [])), c);
        }
    }

    [Fact]
    public void Always_open_equals_plain_arithmetic()
    {
        var rng = new Random(42);
        foreach (var offset in Offsets)
        {
            var cal = WorkingCalendar.AlwaysOpen(offset);
            for (var i = 0; i < 1000; i++)
            {
                var s = RandomInstant(rng);
                var d = TimeSpan.FromTicks(rng.NextInt64(0, 30 * TimeSpan.TicksPerDay));
                var n = rng.Next(0, 30);
                var c = $"case {i}: offset={offset} s={s:O} d={d} n={n}";
                cal.AddWorkingTime(s, d).ShouldBe(s + d, c);
                cal.WorkingTimeBetween(s, s + d).ShouldBe(d, c);
                cal.Elapsed(s, s + d, TimeBasis.Working).ShouldBe(d, c);
                cal.Deadline(s, new TimeLimit(n + 1, LimitUnit.Minutes, TimeBasis.Working)).ShouldBe(s.AddMinutes(n + 1), c);
                var localMidnightAfter = new DateTimeOffset(s.ToOffset(offset).Date.AddDays(n + 1), offset);
                cal.AddNaturalDays(s, n).ShouldBe(localMidnightAfter, c);
                if (n > 0)
                {
                    cal.AddWorkingDays(s, n).ShouldBe(localMidnightAfter, c);
                }
            }
        }
    }
}
