namespace Norma.Components.Shared;

/// <summary>Times are stored in UTC and shown in the organization's zone (Asia/Shanghai by default).</summary>
public static class LocalTime
{
    public static string Format(DateTime? utc) => utc is { } t
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), Norma.Shared.OrgTime.Zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
        : "—";
}
