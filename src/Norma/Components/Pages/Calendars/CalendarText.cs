using Microsoft.Extensions.Localization;

namespace Norma.Components.Pages.Calendars;

/// <summary>How the calendar pages write offsets, weekdays and local times.</summary>
public static class CalendarText
{
    public static string Offset(int minutes) =>
        $"UTC{(minutes < 0 ? "-" : "+")}{Math.Abs(minutes) / 60:00}:{Math.Abs(minutes) % 60:00}";

    public static string Weekday(IStringLocalizer text, DayOfWeek day) => text[$"Calendars.Weekday.{day}"];

    public static string Date(IStringLocalizer text, DateOnly date) => $"{date:yyyy-MM-dd} {Weekday(text, date.DayOfWeek)}";

    /// <summary>A local time of the calendar, e.g. "2025-10-09 18:00 周四".</summary>
    public static string Local(IStringLocalizer text, DateTimeOffset at) => $"{at:yyyy-MM-dd HH:mm} {Weekday(text, at.DayOfWeek)}";
}
