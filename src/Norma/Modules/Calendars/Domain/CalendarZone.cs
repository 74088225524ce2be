namespace Norma.Modules.Calendars.Domain;

public enum ZoneProblem
{
    Unknown = 1,

    /// <summary>The zone observes daylight saving (or otherwise changes offset) within a year.</summary>
    VaryingOffset = 2,
}

/// <summary>
/// A calendar's time zone: an IANA id whose UTC offset is the same all year round (Asia/Shanghai has had no daylight
/// saving since 1991), so that the engine can work with one fixed offset.
/// </summary>
public static class CalendarZone
{
    public const string Default = "Asia/Shanghai";

    /// <summary>Resolves the zone and checks that its offset does not change in the years around <paramref name="year"/>.</summary>
    public static bool TryResolve(string? id, int year, out string ianaId, out TimeSpan offset, out ZoneProblem? problem)
    {
        ianaId = "";
        offset = TimeSpan.Zero;
        problem = null;
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            || !(zone.HasIanaId || TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out _)))
        {
            problem = ZoneProblem.Unknown;
            return false;
        }

        ianaId = zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : zone.Id;
        var first = zone.GetUtcOffset(new DateTime(year - 1, 1, 1, 12, 0, 0, DateTimeKind.Utc));
        for (var day = new DateTime(year - 1, 1, 1, 12, 0, 0, DateTimeKind.Utc); day.Year <= year + 1; day = day.AddDays(7))
        {
            if (zone.GetUtcOffset(day) != first)
            {
                problem = ZoneProblem.VaryingOffset;
                return false;
            }
        }

        offset = first;
        return true;
    }
}
