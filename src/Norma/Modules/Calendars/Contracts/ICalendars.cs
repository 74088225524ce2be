using Norma.Rules.Calendars;

namespace Norma.Modules.Calendars.Contracts;

/// <summary>
/// A calendar version ready for computations. Store <see cref="CalendarId"/> and <see cref="VersionNumber"/> with
/// whatever was computed (a case's due time), and ask again with both to reproduce it after the calendar is edited.
/// </summary>
public sealed record CalendarHandle(Guid CalendarId, string Code, string Name, int VersionNumber, WorkingCalendar Compiled)
{
    /// <summary>The calendar's fixed UTC offset: local dates and times of this calendar use it.</summary>
    public TimeSpan UtcOffset => Compiled.Definition.UtcOffset;
}

/// <summary>
/// What other modules may use of the working calendars (工作日历): the calendar a unit works by and any calendar
/// version, compiled. Organization-wide data with no personal content, so no actor is needed. Unknown ids, and
/// version numbers a calendar does not have, raise <see cref="Shared.Errors.NotFoundException"/>.
/// </summary>
public interface ICalendars
{
    /// <summary>Every calendar (id, code, name), the default first, for pickers and for references by code.</summary>
    Task<IReadOnlyList<CalendarSummary>> ListAsync(CancellationToken ct = default);

    /// <summary>The unit's calendar (its own, else its nearest ancestor's, else the default), in the version in force now.</summary>
    Task<CalendarHandle> ForUnitAsync(Guid unitId, CancellationToken ct = default);

    /// <summary>The unit's calendar in the version in force at <paramref name="at"/>.</summary>
    Task<CalendarHandle> ForUnitAsync(Guid unitId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>
    /// A calendar in the given version, or (null) in the version in force at <paramref name="at"/>: the one with the latest
    /// effective date on or before the calendar's local date of <paramref name="at"/>, the higher number on a tie.
    /// </summary>
    Task<CalendarHandle> GetAsync(Guid calendarId, int? versionNumber, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>The default calendar (中国大陆标准工作日历 unless an administrator chose another) in the version in force at <paramref name="at"/>.</summary>
    Task<CalendarHandle> DefaultAsync(DateTimeOffset at, CancellationToken ct = default);
}

public sealed record CalendarSummary(Guid Id, string Code, string Name, bool IsDefault);
