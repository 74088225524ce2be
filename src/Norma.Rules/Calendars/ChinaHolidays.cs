namespace Norma.Rules.Calendars;

/// <summary>
/// Mainland China's public holidays and 调休 working days as announced each year by the State Council
/// (国务院办公厅关于X年部分节假日安排的通知), shipped with Norma in holiday-cn format
/// (Calendars/Data/cn-holidays-2020-2026.json, an embedded resource). Names are as the notices give them:
/// 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节, and 国庆节、中秋节 / 中秋节、国庆节 where the notice joins them.
/// 2020 includes the State Council's extension of the Spring Festival holiday to 2 February.
/// </summary>
public static class ChinaHolidays
{
    public const string ResourceName = "Norma.Rules.Calendars.Data.cn-holidays-2020-2026.json";

    private static readonly Lazy<HolidayFileResult> Data = new(Read);

    /// <summary>The years the shipped data covers (2020–2026).</summary>
    public static IReadOnlyList<int> Years => Data.Value.Years;

    /// <summary>Every holiday and 调休 working day of <see cref="Years"/>, in date order.</summary>
    public static IReadOnlyList<SpecialDay> Load() => Data.Value.Days;

    private static HolidayFileResult Read()
    {
        using var stream = typeof(ChinaHolidays).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var result = HolidayFiles.Parse(stream);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("The shipped holiday data is invalid: " + string.Join("; ", result.Problems));
        }

        return result with { Days = [.. result.Days.OrderBy(d => d.Date)] };
    }
}
