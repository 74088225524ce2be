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
    public static ClockReading Read(WorkingCalendar calendar, ClockInput input, DateTimeOffset now) => throw new NotImplementedException();
}
