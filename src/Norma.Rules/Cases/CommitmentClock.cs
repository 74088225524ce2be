using Norma.Rules.Calendars;

namespace Norma.Rules.Cases;

/// <summary>A commitment clock's state (服务承诺的计时状态).</summary>
public enum ClockState
{
    /// <summary>Counting, not yet at the warning threshold.</summary>
    Running = 1,

    /// <summary>预警: the warning share of the limit has passed, not yet due.</summary>
    Warning = 2,

    /// <summary>Stopped by a pause that is still open.</summary>
    Paused = 3,

    /// <summary>Met on or before the due instant.</summary>
    Met = 4,

    /// <summary>Due passed and not met (超时; still counting how late).</summary>
    Breached = 5,

    /// <summary>Met after the due instant.</summary>
    MetLate = 6,
}

/// <summary>
/// What a clock is: when it started, its limit on which calendar, its warning share, the pauses that stop it (already
/// filtered to the ones whose reason stops this metric; an open pause has <see cref="Pause.To"/> null), an approved
/// extension (延期, e.g. 10wd, counted from the unextended due) and when it was met.
/// </summary>
public sealed record ClockInput(
    DateTimeOffset Start,
    TimeLimit Limit,
    int WarnAtPercent,
    IReadOnlyList<Pause> Pauses,
    TimeLimit? Extension = null,
    DateTimeOffset? MetAt = null);

/// <summary>
/// A clock read at a moment. <see cref="Due"/> and <see cref="WarnAt"/> are null while an open pause stops the clock
/// before it runs out. <see cref="Remaining"/> is the counted time (working time for a working limit, plain time for a
/// natural one) from the moment read to the due instant, pauses excluded (zero once due; for a paused clock, what is
/// left when the pause began). <see cref="Late"/> is the counted time past due (breached: until the moment read;
/// met late: until the met instant), null otherwise.
/// </summary>
public sealed record ClockReading(ClockState State, DateTimeOffset? Due, DateTimeOffset? WarnAt, TimeSpan Remaining, TimeSpan? Late);

/// <summary>The live commitment clock (SPEC §4 "Every commitment tracked live"): pure, on a compiled calendar.</summary>
public static class CommitmentClock
{
    /// <summary>
    /// Reads a clock at <paramref name="now"/>.
    /// Due = calendar.Deadline(Start, Limit, Pauses); with an extension, Due = calendar.Deadline(thatDue, Extension, Pauses).
    /// WarnAt = the instant by which WarnAtPercent of the counted time between the clock's origin and Due has passed
    /// outside the pauses (origin = Start for minute/hour limits, the start of day 1 — calendar.AddNaturalDays(Start, 0)
    /// — for day limits; 100 % → WarnAt = Due, 0 % → no warning: WarnAt null).
    /// State: MetAt set → Met when MetAt ≤ Due, else MetLate; otherwise Breached when now ≥ Due; Paused when an open pause
    /// has begun at or before now and Due is unknown; Warning when now ≥ WarnAt; else Running.
    /// A breach happens exactly at the due instant: read at Due, an unmet clock is Breached; met at Due it is Met.
    /// </summary>
    /// <remarks>
    /// <para>Exact choices:</para>
    /// <list type="bullet">
    /// <item>All counted times (WarnAt, Remaining, Late) use the basis of <see cref="ClockInput.Limit"/>, also when the
    /// extension has another basis.</item>
    /// <item>WarnAt is exact to the tick: share = floor(total × pct / 100) of the counted total, and WarnAt is the earliest
    /// instant by which that share has passed from the origin outside the pauses (the same rule as the calendar's
    /// deadlines, so a share that ends exactly where a lunch break or a pause begins gives that instant). Percentages
    /// above 100 count as 100, below 0 as 0.</item>
    /// <item>Due is unknown (null) whenever the calendar answers <see cref="DateTimeOffset.MaxValue"/> (an open pause reached
    /// before the limit runs out, or a calendar without working time); WarnAt is then null too. With Due unknown, MetAt set
    /// gives Met.</item>
    /// <item>Remaining is counted from the "moment read" to Due, outside the pauses, where the moment read is
    /// <paramref name="now"/>, or MetAt when the clock was met before now (a met clock stops: its Remaining is what was
    /// left when it was met), and never before the origin (the rest of a day limit's start day does not count). For a
    /// clock whose Due is unknown, Remaining is what is left at the start of the earliest open pause (or at now, if that
    /// pause has not begun): the counted time from there to the due instant the clock would have if it resumed right
    /// away (the open pauses left out, the closed ones kept); <see cref="TimeSpan.MaxValue"/> if even that is unknowable
    /// (a calendar without working time).</item>
    /// <item>Late is the counted time from Due to now (Breached) or to MetAt (MetLate), outside the pauses; a clock read
    /// exactly at Due, or breached outside working hours under a working limit, can be Breached with Late zero.</item>
    /// </list>
    /// </remarks>
    public static ClockReading Read(WorkingCalendar calendar, ClockInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(input);
        var pauses = input.Pauses ?? [];
        var basis = input.Limit.Basis;
        var origin = input.Limit.IsDayBased ? calendar.AddNaturalDays(input.Start, 0) : input.Start;
        var due = Due(calendar, input, pauses);

        DateTimeOffset? warnAt = null;
        if (due is { } known && input.WarnAtPercent > 0)
        {
            warnAt = input.WarnAtPercent >= 100 ? known : WarnAt(calendar, origin, known, basis, input.WarnAtPercent, pauses);
        }

        // The moment the remaining time is measured from: now, or when the clock stopped (met, or an open pause began).
        var moment = input.MetAt is { } met && met < now ? met : now;
        TimeSpan remaining;
        if (due is { } d)
        {
            remaining = calendar.Elapsed(Max(moment, origin), d, basis, pauses);
        }
        else
        {
            var openFrom = EarliestOpenPause(pauses);
            if (openFrom is { } of && of < moment)
            {
                moment = of;
            }

            var closed = ClosedPauses(pauses);
            var resumed = Due(calendar, input, closed);
            remaining = resumed is { } r ? calendar.Elapsed(Max(moment, origin), r, basis, closed) : TimeSpan.MaxValue;
        }

        ClockState state;
        TimeSpan? late = null;
        if (input.MetAt is { } metAt)
        {
            if (due is { } dm && metAt > dm)
            {
                state = ClockState.MetLate;
                late = calendar.Elapsed(dm, metAt, basis, pauses);
            }
            else
            {
                state = ClockState.Met;
            }
        }
        else if (due is { } db && now >= db)
        {
            state = ClockState.Breached;
            late = calendar.Elapsed(db, now, basis, pauses);
        }
        else if (due is null && EarliestOpenPause(pauses) is { } open && open <= now)
        {
            state = ClockState.Paused;
        }
        else
        {
            state = warnAt is { } w && now >= w ? ClockState.Warning : ClockState.Running;
        }

        return new ClockReading(state, due, warnAt, remaining, late);
    }

    /// <summary>The due instant with the extension, or null when the calendar cannot know it (MaxValue).</summary>
    private static DateTimeOffset? Due(WorkingCalendar calendar, ClockInput input, IReadOnlyList<Pause> pauses)
    {
        var due = calendar.Deadline(input.Start, input.Limit, pauses);
        if (due != DateTimeOffset.MaxValue && input.Extension is { } extension)
        {
            due = calendar.Deadline(due, extension, pauses);
        }

        return due == DateTimeOffset.MaxValue ? null : due;
    }

    /// <summary>
    /// The earliest instant by which pct % (floored to the tick) of the counted time between origin and due has passed
    /// outside the pauses: walks the gaps between the merged pauses and solves inside the gap that holds it.
    /// </summary>
    private static DateTimeOffset WarnAt(WorkingCalendar calendar, DateTimeOffset origin, DateTimeOffset due, TimeBasis basis,
        int percent, IReadOnlyList<Pause> pauses)
    {
        var total = calendar.Elapsed(origin, due, basis, pauses).Ticks;
        var target = ((total / 100) * percent) + ((total % 100) * percent / 100);
        if (target >= total)
        {
            return due;
        }

        Span<(long From, long To)> gaps = pauses.Count <= 16 ? stackalloc (long, long)[16] : new (long, long)[pauses.Count];
        var n = MergedPauses(pauses, origin.UtcTicks, gaps);
        var cursor = origin;
        for (var i = 0; i < n; i++)
        {
            var from = new DateTimeOffset(gaps[i].From, TimeSpan.Zero);
            if (from > cursor)
            {
                var available = calendar.Elapsed(cursor, from, basis).Ticks;
                if (target <= available)
                {
                    break;
                }

                target -= available;
            }

            if (gaps[i].To >= due.UtcTicks)
            {
                return due; // unreachable in practice: the share ends before Due, and Due is outside an open pause
            }

            cursor = new DateTimeOffset(gaps[i].To, TimeSpan.Zero);
        }

        var reached = basis == TimeBasis.Working
            ? calendar.AddWorkingTime(cursor, TimeSpan.FromTicks(target))
            : cursor.AddTicks(target);
        return reached > due ? due : reached;
    }

    /// <summary>The pauses as UTC tick ranges (open = long.MaxValue), clipped to start at the floor, sorted and merged.</summary>
    private static int MergedPauses(IReadOnlyList<Pause> pauses, long floor, Span<(long From, long To)> into)
    {
        var n = 0;
        for (var i = 0; i < pauses.Count; i++)
        {
            var from = Math.Max(pauses[i].From.UtcTicks, floor);
            var to = pauses[i].To is { } t ? t.UtcTicks : long.MaxValue;
            if (to > from)
            {
                into[n++] = (from, to);
            }
        }

        into[..n].Sort(static (a, b) => a.From.CompareTo(b.From));
        var m = 0;
        for (var i = 0; i < n; i++)
        {
            if (m > 0 && into[i].From <= into[m - 1].To)
            {
                into[m - 1].To = Math.Max(into[m - 1].To, into[i].To);
            }
            else
            {
                into[m++] = into[i];
            }
        }

        return m;
    }

    private static DateTimeOffset? EarliestOpenPause(IReadOnlyList<Pause> pauses)
    {
        DateTimeOffset? earliest = null;
        for (var i = 0; i < pauses.Count; i++)
        {
            if (pauses[i].To is null && (earliest is null || pauses[i].From < earliest))
            {
                earliest = pauses[i].From;
            }
        }

        return earliest;
    }

    private static List<Pause> ClosedPauses(IReadOnlyList<Pause> pauses)
    {
        var closed = new List<Pause>(pauses.Count);
        for (var i = 0; i < pauses.Count; i++)
        {
            if (pauses[i].To is not null)
            {
                closed.Add(pauses[i]);
            }
        }

        return closed;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
