using System.Globalization;

namespace Norma.Components.Pages.Cases.Reports;

/// <summary>Display formatting of the daily reports: money is integer fen until shown as yuan with two decimals.</summary>
public static class ReportFormat
{
    public static string Yuan(long fen) => (fen / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ToDay(DateTime? d) => d is { } x ? DateOnly.FromDateTime(x) : null;

    public static DateTime ToDate(DateOnly d) => d.ToDateTime(TimeOnly.MinValue);

    /// <summary>A query string of the non-null values, for the Excel links.</summary>
    public static string Query(params (string Key, object? Value)[] values) =>
        string.Join("&", values.Where(v => v.Value is not null)
            .Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value is DateOnly d ? Day(d) : Convert.ToString(v.Value, CultureInfo.InvariantCulture)!)}"));
}
