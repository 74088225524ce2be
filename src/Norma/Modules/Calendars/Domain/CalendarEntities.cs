using Norma.Shared.Persistence;

namespace Norma.Modules.Calendars.Domain;

/// <summary>工作时间 (working hours with holidays and 调休) or 7×24 (every moment counts).</summary>
public enum CalendarKind
{
    WorkingHours = 1,
    AlwaysOpen = 2,
}

/// <summary>
/// A working calendar (工作日历): what does not change between versions. Its content lives in immutable
/// <see cref="CalendarVersion"/>s; every saved change adds one, so a deadline computed with version N is reproducible.
/// </summary>
public sealed class Calendar : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>Stable key (CN-STD, 7X24 …); fixed once created.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }

    /// <summary>IANA id of the zone of the latest version, e.g. Asia/Shanghai.</summary>
    public string TimeZoneId { get; set; } = "";

    /// <summary>The zone's fixed offset (zones whose offset varies are refused).</summary>
    public int UtcOffsetMinutes { get; set; }
    public bool IsDefault { get; set; }

    /// <summary>The kind of the latest version.</summary>
    public CalendarKind Kind { get; set; }

    /// <summary>The highest version number so far.</summary>
    public int LatestVersionNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One immutable version of a calendar: the full definition in force from <see cref="EffectiveFrom"/> (local date).</summary>
public sealed class CalendarVersion
{
    public Guid Id { get; set; }
    public Guid CalendarId { get; set; }

    /// <summary>1, 2, 3 … per calendar.</summary>
    public int Number { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public string TimeZoneId { get; set; } = "";

    /// <summary>The whole definition as JSON (<see cref="Features.StoredDefinition"/>).</summary>
    public string DefinitionJson { get; set; } = "";
    public Guid? CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string? Note { get; set; }
}

/// <summary>A unit that uses a calendar other than its parent's (units without a row inherit).</summary>
public sealed class UnitCalendar
{
    public Guid UnitId { get; set; }
    public Guid CalendarId { get; set; }
    public DateTime AssignedAt { get; set; }
}
