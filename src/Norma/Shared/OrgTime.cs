namespace Norma.Shared;

/// <summary>The organization's time zone: instants are stored in UTC and shown, and dated, in Asia/Shanghai.</summary>
public static class OrgTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
}
