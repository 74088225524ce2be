namespace Norma.Rules.Calendars;

/// <summary>
/// A compiled calendar version: holidays, 调休 days and working intervals precomputed in memory so that
/// deadline and elapsed-time questions never touch a database. Immutable and thread-safe.
/// All instants in and out are absolute; local dates and times use <see cref="CalendarDefinition.UtcOffset"/>.
/// </summary>
/// <remarks>
/// <para>
/// Conventions (docs/calendars.md has the full text with examples):
/// </para>
/// <list type="bullet">
/// <item>The local date and time of an instant is <c>instant.ToOffset(Definition.UtcOffset)</c>; a UTC instant
/// 2025-01-01T16:00Z is 2025-01-02 00:00 in Beijing (+08:00).</item>
/// <item>Every instant this class returns is in UTC (offset zero); convert with <c>ToOffset</c> for display.</item>
/// <item>Working intervals are half-open: with 08:30–12:00 and 14:30–18:00, 08:30 is working time and 12:00 is not.</item>
/// <item>A <see cref="DayKind.Holiday"/> has no working time; a <see cref="DayKind.Workday"/> (调休) has
/// <see cref="CalendarDefinition.AdjustedWorkdayHours"/> whatever its weekday; other dates follow
/// <see cref="CalendarDefinition.Week"/>. <see cref="CalendarDefinition.AlwaysOpen"/> makes every moment working time
/// and ignores the special days.</item>
/// <item>A deadline is the earliest instant at which enough working time has passed: 2 working hours from 10:00 end at
/// 12:00, not at 14:30.</item>
/// </list>
/// <para>
/// Compile precomputes, for every local date from 1990-01-01 (or a year before the earliest special day) to 2100-12-31
/// (or a year after the latest), which hours apply and the running total of working minutes and working days. Dates
/// outside that range follow the weekly pattern, computed with week arithmetic; nothing throws for any date a
/// <see cref="DateTimeOffset"/> can hold (results beyond year 9999 become <see cref="DateTimeOffset.MaxValue"/>).
/// </para>
/// </remarks>
public sealed class WorkingCalendar
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const int MaxDay = 3652058; // DateOnly.MaxValue.DayNumber
    private const long MaxLocalTicks = ((MaxDay + 1) * TicksPerDay) - 1;
    private const int AdjustedPattern = 7;
    private const int HolidayPattern = 8;
    private const int PatternCount = 9;
    private static readonly DateOnly DefaultFirst = new(1990, 1, 1);
    private static readonly DateOnly DefaultEnd = new(2101, 1, 1);

    private readonly long _offset;
    private readonly int _first;
    private readonly int _count;
    private readonly byte[] _dayPattern;

    // Patterns 0–6: Week[DayOfWeek]; 7: 调休 working day; 8: holiday. Intervals in ticks from local midnight.
    private readonly int[] _patFirst;
    private readonly long[] _ivStart;
    private readonly long[] _ivEnd;
    private readonly long[] _patLastEnd;
    private readonly IReadOnlyList<WorkInterval>[] _patIntervals;

    private readonly Prefix _ticks;
    private readonly Prefix _days;

    private WorkingCalendar(CalendarDefinition definition)
    {
        Definition = definition;
        _offset = definition.UtcOffset.Ticks;

        var patterns = new WorkInterval[PatternCount][];
        var allDay = new[] { new WorkInterval(0, WorkInterval.MinutesPerDay) };
        for (var d = 0; d < 7; d++)
        {
            patterns[d] = definition.AlwaysOpen ? allDay : [.. definition.Week[d]];
        }

        patterns[AdjustedPattern] = definition.AlwaysOpen ? allDay : [.. definition.AdjustedWorkdayHours];
        patterns[HolidayPattern] = [];
        _patIntervals = [.. patterns.Select(p => (IReadOnlyList<WorkInterval>)Array.AsReadOnly(p))];

        _patFirst = new int[PatternCount + 1];
        for (var p = 0; p < PatternCount; p++)
        {
            _patFirst[p + 1] = _patFirst[p] + patterns[p].Length;
        }

        _ivStart = new long[_patFirst[PatternCount]];
        _ivEnd = new long[_patFirst[PatternCount]];
        _patLastEnd = new long[PatternCount];
        var patMinutes = new int[PatternCount];
        var patWorking = new int[PatternCount];
        for (var p = 0; p < PatternCount; p++)
        {
            for (var k = 0; k < patterns[p].Length; k++)
            {
                var iv = patterns[p][k];
                _ivStart[_patFirst[p] + k] = iv.StartMinute * TicksPerMinute;
                _ivEnd[_patFirst[p] + k] = iv.EndMinute * TicksPerMinute;
                patMinutes[p] += iv.EndMinute - iv.StartMinute;
                _patLastEnd[p] = iv.EndMinute * TicksPerMinute;
            }

            patWorking[p] = patMinutes[p] > 0 ? 1 : 0;
        }

        // The precomputed range: a year around the special days, and at least 1990–2100.
        IReadOnlyList<SpecialDay> specials = definition.AlwaysOpen ? [] : definition.SpecialDays;
        var first = DefaultFirst.DayNumber;
        var end = DefaultEnd.DayNumber;
        foreach (var s in specials)
        {
            first = Math.Min(first, s.Date.DayNumber - 366);
            end = Math.Max(end, s.Date.DayNumber + 367);
        }

        _first = Math.Max(first, 0);
        _count = Math.Min(end, MaxDay + 1) - _first;
        _dayPattern = new byte[_count];
        for (var i = 0; i < _count; i++)
        {
            _dayPattern[i] = (byte)Dow(_first + i);
        }

        foreach (var s in specials)
        {
            _dayPattern[s.Date.DayNumber - _first] = (byte)(s.Kind == DayKind.Holiday ? HolidayPattern : AdjustedPattern);
        }

        _ticks = new Prefix(_first, _count, _dayPattern, patMinutes, TicksPerMinute);
        _days = new Prefix(_first, _count, _dayPattern, patWorking, 1);
    }

    /// <summary>The definition compiled. The calendar keeps its own copies: changing the lists afterwards does not change it.</summary>
    public CalendarDefinition Definition { get; }

    /// <summary>
    /// Precomputes a calendar version. Throws <see cref="ArgumentException"/> listing the problems of an invalid definition
    /// (see <see cref="CalendarDefinition.Validate"/>). Takes a few milliseconds; cache the result per calendar version.
    /// </summary>
    public static WorkingCalendar Compile(CalendarDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = definition.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid calendar definition: " + string.Join("; ", problems), nameof(definition));
        }

        return new WorkingCalendar(definition);
    }

    /// <summary>The 7×24 calendar: every moment is working time.</summary>
    public static WorkingCalendar AlwaysOpen(TimeSpan utcOffset)
    {
        IReadOnlyList<WorkInterval> allDay = [new WorkInterval(0, WorkInterval.MinutesPerDay)];
        return Compile(new CalendarDefinition(true, [allDay, allDay, allDay, allDay, allDay, allDay, allDay], allDay, [], utcOffset));
    }

    public bool IsWorkingDay(DateOnly localDate) => _patFirst[Pattern(localDate.DayNumber) + 1] > _patFirst[Pattern(localDate.DayNumber)];

    /// <summary>The working intervals of a local date (empty on rest days and holidays).</summary>
    public IReadOnlyList<WorkInterval> HoursOn(DateOnly localDate) => _patIntervals[Pattern(localDate.DayNumber)];

    /// <summary>Whether the instant lies inside a working interval (start included, end excluded).</summary>
    public bool IsWorkingTime(DateTimeOffset instant)
    {
        var local = Local(instant);
        var day = (int)(local / TicksPerDay);
        var tod = local - (day * TicksPerDay);
        var p = Pattern(day);
        for (var k = _patFirst[p]; k < _patFirst[p + 1]; k++)
        {
            if (tod < _ivStart[k])
            {
                return false;
            }

            if (tod < _ivEnd[k])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The instant itself (in UTC) inside working time, else the start of the next working interval: 12:00 with a morning
    /// ending at 12:00 gives 14:30 the same day; 18:00 on a Friday gives Monday 08:30 (or the next 调休 day).
    /// <see cref="DateTimeOffset.MaxValue"/> when a calendar has no working time at all.
    /// </summary>
    public DateTimeOffset NextWorkingMoment(DateTimeOffset instant)
    {
        if (IsWorkingTime(instant))
        {
            return Utc(instant.UtcTicks);
        }

        var local = Local(instant);
        var day = (int)(local / TicksPerDay);
        var reached = Solve(day, Counted(local, day) + 1);
        return reached == long.MaxValue ? DateTimeOffset.MaxValue : FromLocal(reached - 1);
    }

    /// <summary>
    /// The earliest instant at which <paramref name="duration"/> of working time has passed since <paramref name="start"/>.
    /// Example (08:30–12:00, 14:30–18:00): Monday 10:00 + 2 h = Monday 12:00 (not 14:30); Monday 10:00 + 3 h = 15:30;
    /// Monday 17:00 + 2 h = Tuesday 09:30. A start outside working time (12:00, 18:00, a holiday) counts from the next
    /// working moment. Adding zero returns <see cref="NextWorkingMoment"/> of the start. Negative durations throw.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return NextWorkingMoment(start);
        }

        var local = Local(start);
        var day = (int)(local / TicksPerDay);
        var from = Counted(local, day);
        if (from > long.MaxValue - duration.Ticks)
        {
            return DateTimeOffset.MaxValue;
        }

        var reached = Solve(day, from + duration.Ticks);
        return reached == long.MaxValue ? DateTimeOffset.MaxValue : FromLocal(reached);
    }

    /// <summary>
    /// End of the Nth working day after the start's local date (the start day itself never counts — 期限开始之日不计算在内):
    /// the end of that day's last working interval, in UTC. Monday (any time) + 1 = Tuesday 18:00; Friday + 1 = next
    /// Monday 18:00, or the 调休 Saturday/Sunday if there is one first. With <see cref="CalendarDefinition.AlwaysOpen"/>
    /// every day counts and the end is 24:00 local. Zero days returns <see cref="NextWorkingMoment"/>; negative throws.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0)
        {
            return NextWorkingMoment(start);
        }

        var startDay = (int)(Local(start) / TicksPerDay);
        var day = _days.Find(startDay + 1, _days.Before(startDay + 1) + days, out _);
        return day < 0 ? DateTimeOffset.MaxValue : FromLocal((day * TicksPerDay) + _patLastEnd[Pattern(day)]);
    }

    /// <summary>
    /// End (24:00 local) of the day N days after the start's local date, in UTC: 2025-01-10 15:00 (+08:00) + 3 natural days
    /// = 2025-01-14 00:00 +08:00 = 2025-01-13T16:00Z. Zero days gives the end of the start's own day; negative throws.
    /// </summary>
    public DateTimeOffset AddNaturalDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var endDay = (Local(start) / TicksPerDay) + days + 1;
        return endDay > MaxDay + 1 ? DateTimeOffset.MaxValue : FromLocal(endDay * TicksPerDay);
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? TimeSpan.Zero : TimeSpan.FromTicks(Counted(Local(to)) - Counted(Local(from)));

    /// <summary>
    /// The due instant of a limit started at <paramref name="start"/>, pushed out by the counted time the pauses cover.
    /// Working minutes/hours use <see cref="AddWorkingTime"/>, working days <see cref="AddWorkingDays"/>, natural
    /// minutes/hours plain addition and natural days <see cref="AddNaturalDays"/>. Then the clock stops during the pauses
    /// (挂起): overlapping pauses are merged, pauses before <paramref name="start"/> are clipped, and the deadline is the
    /// earliest instant by which the limit's counted time (working time for <see cref="TimeBasis.Working"/>, plain time for
    /// <see cref="TimeBasis.Natural"/>) has passed outside the pauses — so a pause that the extension brings inside the
    /// limit counts too, and a pause starting exactly at the deadline does not move it. A day-based limit counts the
    /// working (or natural) time from the start to its unpaused deadline and is extended by time, so it may end mid-day.
    /// A pause with no end (<see cref="Pause.To"/> null) that is reached before the limit runs out makes the deadline
    /// unknowable: the result is <see cref="DateTimeOffset.MaxValue"/> (pass <c>To = now</c> to get a provisional answer).
    /// </summary>
    public DateTimeOffset Deadline(DateTimeOffset start, TimeLimit limit, IReadOnlyList<Pause>? pauses = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit.Amount);
        var working = limit.Basis == TimeBasis.Working;
        DateTimeOffset unpaused;
        if (limit.IsDayBased)
        {
            unpaused = working ? AddWorkingDays(start, limit.Amount) : AddNaturalDays(start, limit.Amount);
        }
        else if (working)
        {
            unpaused = AddWorkingTime(start, limit.Duration);
        }
        else
        {
            unpaused = start.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - limit.Duration.Ticks
                ? DateTimeOffset.MaxValue
                : Utc(start.UtcTicks + limit.Duration.Ticks);
        }

        if (pauses is null || pauses.Count == 0 || limit.Amount == 0 || unpaused == DateTimeOffset.MaxValue)
        {
            return unpaused;
        }

        // A day limit counts from the start of day 1 (the start day never counts), so a pause on the start day moves nothing.
        var origin = limit.IsDayBased ? AddNaturalDays(start, 0).UtcTicks : start.UtcTicks;
        Span<Gap> merged = pauses.Count <= 16 ? stackalloc Gap[16] : new Gap[pauses.Count];
        var n = Merge(pauses, origin, merged);
        if (n == 0)
        {
            return unpaused;
        }

        var remaining = Count(working, unpaused.UtcTicks) - Count(working, origin);
        var cursor = origin;
        var cursorCount = Count(working, cursor);
        for (var i = 0; i < n; i++)
        {
            var (from, to) = merged[i];
            if (from > cursor)
            {
                var available = Count(working, from) - cursorCount;
                if (remaining <= available)
                {
                    break;
                }

                remaining -= available;
            }

            if (to == long.MaxValue)
            {
                return DateTimeOffset.MaxValue;
            }

            cursor = to;
            cursorCount = Count(working, to);
        }

        if (!working)
        {
            return cursor > DateTimeOffset.MaxValue.UtcTicks - remaining ? DateTimeOffset.MaxValue : Utc(cursor + remaining);
        }

        var local = LocalOfUtc(cursor);
        var reached = Solve((int)(local / TicksPerDay), cursorCount + remaining);
        return reached == long.MaxValue ? DateTimeOffset.MaxValue : FromLocal(reached);
    }

    /// <summary>
    /// Counted time (working or natural per <paramref name="basis"/>) between two instants, minus the counted time inside
    /// the pauses (merged, clipped to the span; an open pause runs to <paramref name="to"/>). Zero when
    /// <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, TimeBasis basis, IReadOnlyList<Pause>? pauses = null)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var working = basis == TimeBasis.Working;
        var total = Count(working, to.UtcTicks) - Count(working, from.UtcTicks);
        if (pauses is null || pauses.Count == 0)
        {
            return TimeSpan.FromTicks(total);
        }

        Span<Gap> merged = pauses.Count <= 16 ? stackalloc Gap[16] : new Gap[pauses.Count];
        var n = Merge(pauses, from.UtcTicks, merged);
        for (var i = 0; i < n; i++)
        {
            var (pf, pt) = merged[i];
            if (pf >= to.UtcTicks)
            {
                break;
            }

            total -= Count(working, Math.Min(pt, to.UtcTicks)) - Count(working, pf);
        }

        return TimeSpan.FromTicks(total);
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private readonly record struct Gap(long From, long To);

    /// <summary>Sorts and merges the pauses (UTC ticks, open = long.MaxValue), clipped to start at <paramref name="floor"/>.</summary>
    private static int Merge(IReadOnlyList<Pause> pauses, long floor, Span<Gap> into)
    {
        var n = 0;
        for (var i = 0; i < pauses.Count; i++)
        {
            var from = Math.Max(pauses[i].From.UtcTicks, floor);
            var to = pauses[i].To is { } t ? t.UtcTicks : long.MaxValue;
            if (to <= from)
            {
                continue;
            }

            into[n++] = new Gap(from, to);
        }

        // An introsort, not an insertion sort: a caller may pass many pauses, even in the worst order.
        into[..n].Sort(static (a, b) => a.From.CompareTo(b.From));

        var m = 0;
        for (var i = 0; i < n; i++)
        {
            if (m > 0 && into[i].From <= into[m - 1].To)
            {
                into[m - 1] = into[m - 1] with { To = Math.Max(into[m - 1].To, into[i].To) };
            }
            else
            {
                into[m++] = into[i];
            }
        }

        return m;
    }

    private long Count(bool working, long utcTicks) => working ? Counted(LocalOfUtc(utcTicks)) : utcTicks;

    private static int Dow(int dayNumber) => (dayNumber + 1) % 7; // day 0 (0001-01-01) was a Monday

    private int Pattern(int day)
    {
        var i = day - _first;
        return (uint)i < (uint)_count ? _dayPattern[i] : Dow(day);
    }

    private long Local(DateTimeOffset instant) => LocalOfUtc(instant.UtcTicks);

    private long LocalOfUtc(long utcTicks) => Math.Clamp(utcTicks + _offset, 0, MaxLocalTicks);

    private DateTimeOffset FromLocal(long localTicks) => Utc(localTicks - _offset);

    private static DateTimeOffset Utc(long utcTicks) =>
        utcTicks >= DateTimeOffset.MaxValue.UtcTicks ? DateTimeOffset.MaxValue
        : utcTicks <= 0 ? DateTimeOffset.MinValue
        : new DateTimeOffset(utcTicks, TimeSpan.Zero);

    /// <summary>Working ticks from the start of the precomputed range (negative before it) to a local instant.</summary>
    private long Counted(long local) => Counted(local, (int)(local / TicksPerDay));

    private long Counted(long local, int day)
    {
        var tod = local - (day * TicksPerDay);
        var sum = _ticks.Before(day);
        var p = Pattern(day);
        for (var k = _patFirst[p]; k < _patFirst[p + 1]; k++)
        {
            if (tod <= _ivStart[k])
            {
                break;
            }

            if (tod < _ivEnd[k])
            {
                return sum + tod - _ivStart[k];
            }

            sum += _ivEnd[k] - _ivStart[k];
        }

        return sum;
    }

    /// <summary>
    /// The earliest local instant whose counted working time reaches <paramref name="target"/>, searching from
    /// <paramref name="hintDay"/> (whose start must count less than the target); long.MaxValue when never.
    /// </summary>
    private long Solve(int hintDay, long target)
    {
        var day = _ticks.Find(hintDay, target, out var before);
        if (day < 0)
        {
            return long.MaxValue;
        }

        var remaining = target - before;
        var p = Pattern(day);
        for (var k = _patFirst[p]; k < _patFirst[p + 1]; k++)
        {
            var length = _ivEnd[k] - _ivStart[k];
            if (remaining <= length)
            {
                return (day * TicksPerDay) + _ivStart[k] + remaining;
            }

            remaining -= length;
        }

        return long.MaxValue; // unreachable: Find returns a day whose total covers the remainder
    }

    /// <summary>
    /// A running total over local dates of one per-pattern value (working minutes, or 1 per working day), precomputed
    /// over [first, first + count) and extended outside it by the weekly pattern.
    /// </summary>
    private sealed class Prefix
    {
        private readonly int _first;
        private readonly int _count;
        private readonly int[] _cum;
        private readonly long _unit;
        private readonly long[] _dowValue = new long[7];
        private readonly long[] _weekPrefix = new long[7 * 8];
        private readonly long _weekTotal;

        public Prefix(int first, int count, byte[] dayPattern, int[] patternValue, long unit)
        {
            _first = first;
            _count = count;
            _unit = unit;
            _cum = new int[count + 1];
            for (var i = 0; i < count; i++)
            {
                _cum[i + 1] = _cum[i] + patternValue[dayPattern[i]];
            }

            for (var d = 0; d < 7; d++)
            {
                _dowValue[d] = patternValue[d] * unit;
                _weekTotal += _dowValue[d];
            }

            for (var d = 0; d < 7; d++)
            {
                for (var r = 1; r < 8; r++)
                {
                    _weekPrefix[(d * 8) + r] = _weekPrefix[(d * 8) + r - 1] + _dowValue[(d + r - 1) % 7];
                }
            }
        }

        /// <summary>The total over days [first, day) (negative for days before first).</summary>
        public long Before(int day)
        {
            var i = day - _first;
            if ((uint)i <= (uint)_count)
            {
                return _cum[i] * _unit;
            }

            return i < 0 ? -Weekly(day, _first) : (_cum[_count] * _unit) + Weekly(_first + _count, day);
        }

        /// <summary>
        /// The day d ≥ <paramref name="hint"/> with Before(d) &lt; target ≤ Before(d + 1), given Before(hint) &lt; target;
        /// -1 when no such day exists up to 9999-12-31.
        /// </summary>
        public int Find(int hint, long target, out long before)
        {
            var i = hint - _first;
            if (i < 0)
            {
                if (target <= 0)
                {
                    return FindWeekly(hint, Before(hint), target, out before);
                }

                i = 0;
            }

            var top = (long)_cum[_count] * _unit;
            if (i >= _count || target > top)
            {
                return i >= _count
                    ? FindWeekly(hint, Before(hint), target, out before)
                    : FindWeekly(_first + _count, top, target, out before);
            }

            // Smallest j in (i, count] with cum[j] * unit ≥ target, i.e. cum[j] ≥ ceil(target / unit).
            var goal = (int)((target + _unit - 1) / _unit);
            var lo = i;
            var hi = Math.Min(i + 8, _count);
            int j;
            if (_cum[hi] >= goal)
            {
                j = lo + 1;
                while (_cum[j] < goal)
                {
                    j++;
                }
            }
            else
            {
                lo = hi;
                hi = _count;
                while (hi - lo > 1)
                {
                    var mid = lo + ((hi - lo) >> 1);
                    if (_cum[mid] < goal)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                j = hi;
            }

            before = _cum[j - 1] * _unit;
            return _first + j - 1;
        }

        private long Weekly(int from, int to)
        {
            var n = to - from;
            return ((n / 7) * _weekTotal) + _weekPrefix[(Dow(from) * 8) + (n % 7)];
        }

        private int FindWeekly(int day, long atDay, long target, out long before)
        {
            before = 0;
            if (_weekTotal == 0)
            {
                return -1;
            }

            var weeks = (target - atDay - 1) / _weekTotal;
            if (weeks > (MaxDay - day) / 7)
            {
                return -1;
            }

            var d = day + (int)(weeks * 7);
            var sum = atDay + (weeks * _weekTotal);
            while (d <= MaxDay)
            {
                var value = _dowValue[Dow(d)];
                if (sum + value >= target)
                {
                    before = sum;
                    return d;
                }

                sum += value;
                d++;
            }

            return -1;
        }
    }
}
