namespace Norma.Components.Shared;

/// <summary>Times are stored in UTC and shown in the organization's zone (Asia/Shanghai by default).</summary>
public static class LocalTime
{
    public static string Format(DateTime? utc, string format = "yyyy-MM-dd HH:mm:ss") => utc is { } t
        ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc), Norma.Shared.OrgTime.Zone).ToString(format, System.Globalization.CultureInfo.InvariantCulture)
        : "—";
}
