namespace Norma.Rules.Calendars;

/// <summary>
/// A compiled calendar version: holidays, 调休 days and working intervals precomputed in memory so that
/// deadline and elapsed-time questions never touch a database. Immutable and thread-safe.
/// All instants in and out are absolute; local dates and times use <see cref="CalendarDefinition.UtcOffset"/>.
/// </summary>
public sealed class WorkingCalendar
{
    private WorkingCalendar(CalendarDefinition definition) => Definition = definition;

    public CalendarDefinition Definition { get; }

    public static WorkingCalendar Compile(CalendarDefinition definition) => throw new NotImplementedException();

    /// <summary>The 7×24 calendar: every moment is working time.</summary>
    public static WorkingCalendar AlwaysOpen(TimeSpan utcOffset) => throw new NotImplementedException();

    public bool IsWorkingDay(DateOnly localDate) => throw new NotImplementedException();

    /// <summary>The working intervals of a local date (empty on rest days and holidays).</summary>
    public IReadOnlyList<WorkInterval> HoursOn(DateOnly localDate) => throw new NotImplementedException();

    public bool IsWorkingTime(DateTimeOffset instant) => throw new NotImplementedException();

    /// <summary>The instant itself inside working time, else the start of the next working interval.</summary>
    public DateTimeOffset NextWorkingMoment(DateTimeOffset instant) => throw new NotImplementedException();

    /// <summary>The instant at which <paramref name="duration"/> of working time has passed since <paramref name="start"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration) => throw new NotImplementedException();

    /// <summary>End of the Nth working day after the start's local date (the start day itself never counts).</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days) => throw new NotImplementedException();

    /// <summary>End (24:00 local) of the day N days after the start's local date.</summary>
    public DateTimeOffset AddNaturalDays(DateTimeOffset start, int days) => throw new NotImplementedException();

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to) => throw new NotImplementedException();

    /// <summary>The due instant of a limit started at <paramref name="start"/>, pushed out by the counted time the pauses cover.</summary>
    public DateTimeOffset Deadline(DateTimeOffset start, TimeLimit limit, IReadOnlyList<Pause>? pauses = null) => throw new NotImplementedException();

    /// <summary>Counted time (working or natural per <paramref name="basis"/>) between two instants, minus the pauses.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to, TimeBasis basis, IReadOnlyList<Pause>? pauses = null) => throw new NotImplementedException();
}
