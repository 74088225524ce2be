namespace Norma.Rules.Calendars;

/// <summary>One working interval of a day in local minutes from midnight: 510–720 is 08:30–12:00. End may be 1440 (24:00).</summary>
public readonly partial record struct WorkInterval(int StartMinute, int EndMinute);

/// <summary>How a special date departs from the weekly pattern.</summary>
public enum DayKind
{
    /// <summary>A public holiday or rest day: no working time even on a weekday.</summary>
    Holiday = 1,

    /// <summary>调休: an adjusted working day (usually a Saturday or Sunday) worked with <see cref="CalendarDefinition.AdjustedWorkdayHours"/>.</summary>
    Workday = 2,
}

public sealed record SpecialDay(DateOnly Date, DayKind Kind, string Name);

/// <summary>
/// Everything that defines a calendar version. <see cref="Week"/> is indexed by <see cref="DayOfWeek"/> (0 = Sunday)
/// and always has 7 entries. Asia/Shanghai has had no daylight saving since 1991, so a fixed offset is exact.
/// </summary>
public sealed partial record CalendarDefinition(
    bool AlwaysOpen,
    IReadOnlyList<IReadOnlyList<WorkInterval>> Week,
    IReadOnlyList<WorkInterval> AdjustedWorkdayHours,
    IReadOnlyList<SpecialDay> SpecialDays,
    TimeSpan UtcOffset);

/// <summary>A stretch of time that does not count (挂起); <see cref="To"/> null means still paused.</summary>
public readonly record struct Pause(DateTimeOffset From, DateTimeOffset? To);
