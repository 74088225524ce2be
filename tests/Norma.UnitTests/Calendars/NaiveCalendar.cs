using Norma.Rules.Calendars;

namespace Norma.UnitTests.Calendars;

/// <summary>
/// A deliberately simple reference for <see cref="WorkingCalendar"/>: walks the definition's intervals date by date
/// (or minute by minute), with no precomputation, to check the fast implementation against.
/// </summary>
internal sealed class NaiveCalendar(CalendarDefinition def)
{
    private static readonly WorkInterval[] AllDay = [new(0, 1440)];
    private readonly Dictionary<DateOnly, SpecialDay> _special = def.SpecialDays.ToDictionary(s => s.Date);

    public IReadOnlyList<WorkInterval> Hours(DateOnly date)
    {
        if (def.AlwaysOpen)
        {
            return AllDay;
        }

        if (_special.TryGetValue(date, out var s))
        {
            return s.Kind == DayKind.Holiday ? [] : def.AdjustedWorkdayHours;
        }

        return def.Week[(int)date.DayOfWeek];
    }

    public DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(t.ToOffset(def.UtcOffset).DateTime);

    public DateTimeOffset At(DateOnly date, int minute) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), def.UtcOffset).AddMinutes(minute);

    /// <summary>The working intervals as absolute spans, date by date from the local date of <paramref name="from"/>.</summary>
    public IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Spans(DateTimeOffset from)
    {
        for (var date = LocalDate(from); ; date = date.AddDays(1))
        {
            foreach (var iv in Hours(date))
            {
                yield return (At(date, iv.StartMinute), At(date, iv.EndMinute));
            }
        }
    }

    public bool IsWorking(DateTimeOffset t)
    {
        var local = t.ToOffset(def.UtcOffset);
        var date = DateOnly.FromDateTime(local.DateTime);
        var minuteOfDay = local.TimeOfDay.TotalMinutes;
        return Hours(date).Any(iv => iv.StartMinute <= minuteOfDay && minuteOfDay < iv.EndMinute);
    }

    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan d)
    {
        if (d == TimeSpan.Zero)
        {
            return IsWorking(start) ? start : Spans(start).First(s => s.Start >= start).Start;
        }

        foreach (var (s, e) in Spans(start))
        {
            if (e <= start)
            {
                continue;
            }

            var from = s > start ? s : start;
            if (d <= e - from)
            {
                return from + d;
            }

            d -= e - from;
        }

        throw new InvalidOperationException("unreachable");
    }

    public TimeSpan Between(DateTimeOffset a, DateTimeOffset b)
    {
        var sum = TimeSpan.Zero;
        foreach (var (s, e) in Spans(a))
        {
            if (s >= b)
            {
                break;
            }

            var from = s > a ? s : a;
            var to = e < b ? e : b;
            if (to > from)
            {
                sum += to - from;
            }
        }

        return sum;
    }

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int n)
    {
        var date = LocalDate(start);
        while (true)
        {
            date = date.AddDays(1);
            var hours = Hours(date);
            if (hours.Count > 0 && --n == 0)
            {
                return At(date, hours[^1].EndMinute);
            }
        }
    }

    /// <summary>Minute-by-minute: the end of the minute in which the last needed counted minute outside the pauses passes.</summary>
    public DateTimeOffset MinuteWalk(DateTimeOffset start, int minutes, bool working, IReadOnlyList<Pause> pauses)
    {
        var t = start;
        while (minutes > 0)
        {
            var paused = pauses.Any(p => p.From <= t && (p.To is null || t < p.To));
            if (paused && pauses.Any(p => p.To is null && p.From <= t))
            {
                return DateTimeOffset.MaxValue;
            }

            if (!paused && (!working || IsWorking(t)))
            {
                minutes--;
            }

            t = t.AddMinutes(1);
        }

        return t;
    }

    /// <summary>Counted minutes in [from, to) outside the pauses, minute by minute.</summary>
    public int CountMinutes(DateTimeOffset from, DateTimeOffset to, bool working, IReadOnlyList<Pause> pauses)
    {
        var n = 0;
        for (var t = from; t < to; t = t.AddMinutes(1))
        {
            if ((!working || IsWorking(t)) && !pauses.Any(p => p.From <= t && (p.To is null || t < p.To)))
            {
                n++;
            }
        }

        return n;
    }
}
