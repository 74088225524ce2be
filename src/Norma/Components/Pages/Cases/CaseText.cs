using Microsoft.Extensions.Localization;
using MudBlazor;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Reading;
using Norma.Rules.Cases;

namespace Norma.Components.Pages.Cases;

/// <summary>How the case pages word and colour statuses, clocks and durations.</summary>
internal static class CaseText
{
    /// <summary>A span of minutes as 2小时15分 / 1天3小时 (the largest two units, minutes alone under an hour).</summary>
    public static string Duration(long minutes, IStringLocalizer text)
    {
        minutes = Math.Max(0, minutes);
        var days = minutes / 1440;
        var hours = minutes % 1440 / 60;
        var mins = minutes % 60;
        if (days > 0)
        {
            return hours > 0 ? text["CaseUi.Dur.DaysHours", days, hours] : text["CaseUi.Dur.Days", days];
        }

        return hours > 0 ? (mins > 0 ? text["CaseUi.Dur.HoursMinutes", hours, mins] : text["CaseUi.Dur.Hours", hours]) : text["CaseUi.Dur.Minutes", mins];
    }

    /// <summary>剩余 … while counting, 超时 … once late, nothing once met on time.</summary>
    public static string Remaining(ClockDto clock, IStringLocalizer text) => clock.State switch
    {
        ClockState.Running or ClockState.Warning or ClockState.Paused => text["CaseUi.Remaining", Duration(clock.RemainingMinutes, text)],
        ClockState.Breached or ClockState.MetLate when clock.LateMinutes is { } late => text["CaseUi.LateBy", Duration(late, text)],
        _ => "",
    };

    public static Color ClockColor(ClockState state) => state switch
    {
        ClockState.Running => Color.Info,
        ClockState.Warning => Color.Warning,
        ClockState.Paused => Color.Default,
        ClockState.Met => Color.Success,
        ClockState.Breached => Color.Error,
        ClockState.MetLate => Color.Secondary,
        _ => Color.Default,
    };

    /// <summary>The list's worst-clock flag (0 none, 1 on time, 2 预警, 3 超时).</summary>
    public static Color FlagColor(int flag) => flag switch { 3 => Color.Error, 2 => Color.Warning, 1 => Color.Success, _ => Color.Default };

    public static Color StatusColor(CaseStatus status) => status switch
    {
        CaseStatus.Open => Color.Info,
        CaseStatus.Dispatched or CaseStatus.Accepted => Color.Primary,
        CaseStatus.OnSite => Color.Tertiary,
        CaseStatus.Completed => Color.Success,
        CaseStatus.Closed => Color.Dark,
        _ => Color.Default,
    };

    public static Color PriorityColor(Modules.Catalog.Domain.Priority p) => p switch
    {
        Modules.Catalog.Domain.Priority.Urgent => Color.Error,
        Modules.Catalog.Domain.Priority.High => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>The charge type as the seed's 服务凭证 names it ("A 有费" …; the letter is part of the label).</summary>
    public static string Charge(ChargeType charge, IStringLocalizer text) => text[$"Charge.{charge}"];

    /// <summary>Fen (分) as yuan with two decimals.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Yuan typed by a person → fen, rounded half away from zero.</summary>
    public static long Fen(decimal yuan) => (long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero);
}
