using System.Globalization;

namespace Norma.Rules.Evaluation;

/// <summary>
/// An evaluation period: [<see cref="Start"/>, <see cref="End"/>) in calendar dates. <see cref="Index"/> is the
/// month (1–12), quarter (1–4) or half (1–2) within <see cref="Year"/>, and 1 for a year. Half-years end on
/// 30 June and 31 December (YCYC-DC-04 第九条: 每年6月底、12月底). <see cref="Code"/> ("2026-H1", "2026-11",
/// "2026-Q3", "2026") is the stable form for storage; <see cref="Label"/> the Chinese one.
/// </summary>
public readonly record struct EvaluationPeriod
{
    private EvaluationPeriod(PeriodType type, int year, int index)
    {
        Type = type;
        Year = year;
        Index = index;
    }

    public PeriodType Type { get; }

    public int Year { get; }

    public int Index { get; }

    public DateOnly Start => new(Year, 1 + ((Index - 1) * MonthsIn(Type)), 1);

    /// <summary>The first day after the period.</summary>
    public DateOnly End => Start.AddMonths(MonthsIn(Type));

    public DateOnly LastDay => End.AddDays(-1);

    /// <summary>"2026年11月", "2026年第3季度", "2026年上半年", "2026年度".</summary>
    public string Label => Type switch
    {
        PeriodType.Month => $"{Year}年{Index}月",
        PeriodType.Quarter => $"{Year}年第{Index}季度",
        PeriodType.HalfYear => $"{Year}年{(Index == 1 ? "上" : "下")}半年",
        _ => $"{Year}年度",
    };

    /// <summary>"2026-11", "2026-Q3", "2026-H1", "2026".</summary>
    public string Code => Type switch
    {
        PeriodType.Month => $"{Year:D4}-{Index:D2}",
        PeriodType.Quarter => $"{Year:D4}-Q{Index}",
        PeriodType.HalfYear => $"{Year:D4}-H{Index}",
        _ => $"{Year:D4}",
    };

    /// <summary>The period of <paramref name="type"/> that contains <paramref name="date"/>.</summary>
    public static EvaluationPeriod Containing(PeriodType type, DateOnly date) =>
        new(type, date.Year, ((date.Month - 1) / MonthsIn(type)) + 1);

    public EvaluationPeriod Next() => Containing(Type, End);

    public EvaluationPeriod Previous() => Containing(Type, Start.AddDays(-1));

    public bool Contains(DateOnly date) => date >= Start && date < End;

    /// <summary>The publication deadline: <paramref name="day"/> of the month after the period (clamped to that month's length).</summary>
    public DateOnly PublishBy(int day) =>
        new(End.Year, End.Month, Math.Clamp(day, 1, DateTime.DaysInMonth(End.Year, End.Month)));

    /// <summary>Reads a <see cref="Code"/> back; the type follows from its form.</summary>
    public static bool TryParse(string? code, out EvaluationPeriod period)
    {
        period = default;
        if (code is null || code.Length < 4 || !int.TryParse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1 or > 9998)
        {
            return false;
        }

        var rest = code.AsSpan(4);
        (PeriodType Type, int Index)? parsed = rest switch
        {
            [] => (PeriodType.Year, 1),
            ['-', 'H', var h] when h is '1' or '2' => (PeriodType.HalfYear, h - '0'),
            ['-', 'Q', var q] when q is >= '1' and <= '4' => (PeriodType.Quarter, q - '0'),
            ['-', var m1, var m2] when char.IsAsciiDigit(m1) && char.IsAsciiDigit(m2) && ((m1 - '0') * 10) + (m2 - '0') is >= 1 and <= 12
                => (PeriodType.Month, ((m1 - '0') * 10) + (m2 - '0')),
            _ => null,
        };
        if (parsed is not { } p)
        {
            return false;
        }

        period = new EvaluationPeriod(p.Type, year, p.Index);
        return true;
    }

    public override string ToString() => Code;

    private static int MonthsIn(PeriodType type) => type switch
    {
        PeriodType.Month => 1,
        PeriodType.Quarter => 3,
        PeriodType.HalfYear => 6,
        _ => 12,
    };
}
