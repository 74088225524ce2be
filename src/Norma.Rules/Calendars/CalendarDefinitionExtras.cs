using System.Globalization;

namespace Norma.Rules.Calendars;

public readonly partial record struct WorkInterval
{
    /// <summary>Minutes in a day; <see cref="EndMinute"/> may equal it (24:00).</summary>
    public const int MinutesPerDay = 1440;

    /// <summary>The length of the interval (zero or negative for an invalid one).</summary>
    public TimeSpan Duration => TimeSpan.FromMinutes(EndMinute - StartMinute);

    /// <summary>Whether 0 ≤ start &lt; end ≤ 1440.</summary>
    public bool IsValid => StartMinute >= 0 && StartMinute < EndMinute && EndMinute <= MinutesPerDay;

    /// <summary>"08:30-12:00"; an end of 1440 is written "24:00".</summary>
    public override string ToString() => $"{Hhmm(StartMinute)}-{Hhmm(EndMinute)}";

    /// <summary>Parses "08:30-12:00" (also "8:30-12:00", "08:30–12:00" with an en dash, and "24:00" as an end).</summary>
    public static bool TryParse(string? text, out WorkInterval interval)
    {
        interval = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Replace('–', '-').Replace('—', '-').Split('-');
        if (parts.Length != 2 || !TryMinute(parts[0], out var start) || !TryMinute(parts[1], out var end))
        {
            return false;
        }

        var candidate = new WorkInterval(start, end);
        if (!candidate.IsValid)
        {
            return false;
        }

        interval = candidate;
        return true;
    }

    /// <summary>Like <see cref="TryParse"/> but throws <see cref="FormatException"/> on bad text.</summary>
    public static WorkInterval Parse(string text) =>
        TryParse(text, out var interval) ? interval : throw new FormatException($"'{text}' is not a working interval such as 08:30-12:00.");

    private static bool TryMinute(string text, out int minute)
    {
        minute = 0;
        var hm = text.Trim().Split(':');
        if (hm.Length != 2 || hm[1].Length != 2 || hm[0].Length is < 1 or > 2
            || !int.TryParse(hm[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || !int.TryParse(hm[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m > 59 || h > 24 || (h == 24 && m != 0))
        {
            return false;
        }

        minute = (h * 60) + m;
        return true;
    }

    private static string Hhmm(int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{minute / 60:00}:{minute % 60:00}");
}

public sealed partial record CalendarDefinition
{
    /// <summary>China Standard Time (Asia/Shanghai): UTC+08:00 all year, no daylight saving since 1991.</summary>
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The usual office day of Chinese government service halls: 08:30–12:00 and 14:30–18:00 (7 working hours).</summary>
    public static IReadOnlyList<WorkInterval> StandardOfficeHours { get; } = [new(510, 720), new(870, 1080)];

    /// <summary>
    /// Monday–Friday with <paramref name="hours"/> (default <see cref="StandardOfficeHours"/>), Saturday and Sunday off,
    /// 调休 working days with the same hours, at <paramref name="utcOffset"/> (default +08:00).
    /// Pass <see cref="ChinaHolidays.Load"/> as <paramref name="specialDays"/> for mainland China's public holidays.
    /// </summary>
    public static CalendarDefinition Standard(
        IEnumerable<SpecialDay>? specialDays = null, IReadOnlyList<WorkInterval>? hours = null, TimeSpan? utcOffset = null)
    {
        var day = hours ?? StandardOfficeHours;
        IReadOnlyList<WorkInterval> none = [];
        return new CalendarDefinition(
            AlwaysOpen: false,
            Week: [none, day, day, day, day, day, none],
            AdjustedWorkdayHours: day,
            SpecialDays: specialDays?.ToList() ?? [],
            UtcOffset: utcOffset ?? ChinaOffset);
    }

    /// <summary><see cref="Standard"/> with the shipped mainland China holidays (<see cref="ChinaHolidays"/>).</summary>
    public static CalendarDefinition ChinaStandard() => Standard(ChinaHolidays.Load());

    /// <summary>
    /// Everything wrong with the definition, each with its location, e.g. "week.monday[1]: 11:00-13:00 overlaps 08:30-12:00"
    /// or "specialDays[4]: 2025-01-01 appears twice (also specialDays[0])". Empty when <see cref="WorkingCalendar.Compile"/>
    /// will accept it. Intervals must lie within 00:00–24:00, have a positive length and be sorted without overlap
    /// (touching, such as 12:00-12:00, is allowed). The offset must be a whole number of minutes within ±14 hours.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (UtcOffset.Ticks % TimeSpan.TicksPerMinute != 0 || UtcOffset.Duration() > TimeSpan.FromHours(14))
        {
            problems.Add($"utcOffset: {UtcOffset} must be whole minutes within ±14:00");
        }

        if (Week is null || Week.Count != 7)
        {
            problems.Add($"week: needs 7 days (Sunday first), has {Week?.Count ?? 0}");
        }
        else
        {
            for (var d = 0; d < 7; d++)
            {
                CheckIntervals(Week[d], $"week.{DayName((DayOfWeek)d)}", problems);
            }
        }

        CheckIntervals(AdjustedWorkdayHours, "adjustedWorkdayHours", problems);

        var seen = new Dictionary<DateOnly, int>();
        var specials = SpecialDays ?? [];
        for (var i = 0; i < specials.Count; i++)
        {
            var s = specials[i];
            if (s is null)
            {
                problems.Add($"specialDays[{i}]: missing");
                continue;
            }

            if (s.Date < EarliestSpecialDay || s.Date > LatestSpecialDay)
            {
                problems.Add($"specialDays[{i}].date: {s.Date:yyyy-MM-dd} is outside {EarliestSpecialDay:yyyy}–{LatestSpecialDay:yyyy}");
                continue;
            }

            if (s.Kind is not (DayKind.Holiday or DayKind.Workday))
            {
                problems.Add($"specialDays[{i}].kind: {(int)s.Kind} is not holiday or workday");
            }

            if (seen.TryGetValue(s.Date, out var first))
            {
                var other = specials[first];
                problems.Add(other.Kind == s.Kind
                    ? $"specialDays[{i}]: {s.Date:yyyy-MM-dd} appears twice (also specialDays[{first}])"
                    : $"specialDays[{i}]: {s.Date:yyyy-MM-dd} is both {KindName(other.Kind)} (specialDays[{first}]) and {KindName(s.Kind)}");
            }
            else
            {
                seen[s.Date] = i;
            }
        }

        return problems;
    }

    /// <summary>Special days must fall within 1900–2199 (a sanity bound that keeps the precomputed tables small).</summary>
    public static readonly DateOnly EarliestSpecialDay = new(1900, 1, 1);

    /// <summary>See <see cref="EarliestSpecialDay"/>.</summary>
    public static readonly DateOnly LatestSpecialDay = new(2199, 12, 31);

    internal static string DayName(DayOfWeek day) => day.ToString().ToLowerInvariant();

    internal static string KindName(DayKind kind) => kind switch
    {
        DayKind.Holiday => "holiday",
        DayKind.Workday => "workday",
        _ => ((int)kind).ToString(CultureInfo.InvariantCulture),
    };

    private static void CheckIntervals(IReadOnlyList<WorkInterval>? intervals, string where, List<string> problems)
    {
        if (intervals is null)
        {
            problems.Add($"{where}: missing");
            return;
        }

        for (var i = 0; i < intervals.Count; i++)
        {
            var iv = intervals[i];
            if (!iv.IsValid)
            {
                problems.Add($"{where}[{i}]: {iv.StartMinute}-{iv.EndMinute} minutes is not a range within 00:00-24:00 with start before end");
                continue;
            }

            if (i > 0 && intervals[i - 1].IsValid && iv.StartMinute < intervals[i - 1].EndMinute)
            {
                problems.Add(iv.StartMinute < intervals[i - 1].StartMinute
                    ? $"{where}[{i}]: {iv} is not after {intervals[i - 1]} (intervals must be sorted)"
                    : $"{where}[{i}]: {iv} overlaps {intervals[i - 1]}");
            }
        }
    }
}
