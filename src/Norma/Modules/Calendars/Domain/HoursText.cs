using System.Globalization;
using System.Text.RegularExpressions;
using Norma.Rules.Calendars;

namespace Norma.Modules.Calendars.Domain;

public enum HoursProblem
{
    /// <summary>Not "HH:mm-HH:mm".</summary>
    Format = 1,

    /// <summary>An interval that does not end after it starts.</summary>
    StartNotBeforeEnd = 2,

    /// <summary>Intervals not listed from early to late.</summary>
    Unsorted = 3,

    /// <summary>Two intervals share time.</summary>
    Overlap = 4,
}

/// <summary>
/// Working hours of a day as people write them: "08:30-12:00, 14:30-18:00". Separators: comma (also ,、;),
/// dash (also – ~ 至). Times are HH:mm (H:mm accepted); 24:00 only as an end. Blank means no working time.
/// </summary>
public static partial class HoursText
{
    [GeneratedRegex(@"\s*[-–—~～至]\s*")]
    private static partial Regex Dash();

    [GeneratedRegex(@"[,,、;;\s]+")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^([0-9]{1,2}):([0-9]{2})-([0-9]{1,2}):([0-9]{2})$")]
    private static partial Regex Interval();

    public static bool TryParse(string? text, out IReadOnlyList<WorkInterval> intervals, out HoursProblem? problem, out string? part)
    {
        intervals = [];
        problem = null;
        part = null;
        // NFKC turns what a Chinese keyboard in full-width mode types (０８：３０，１４：３０；) into ASCII first.
        var normalized = (text ?? "").Normalize(System.Text.NormalizationForm.FormKC);
        var parts = Separator().Split(Dash().Replace(normalized, "-")).Where(p => p.Length > 0).ToList();
        var list = new List<WorkInterval>();
        foreach (var p in parts)
        {
            var m = Interval().Match(p);
            if (!m.Success || Minute(m.Groups[1].Value, m.Groups[2].Value, false) is not { } start || Minute(m.Groups[3].Value, m.Groups[4].Value, true) is not { } end)
            {
                (problem, part) = (HoursProblem.Format, p);
                return false;
            }

            if (start >= end)
            {
                (problem, part) = (HoursProblem.StartNotBeforeEnd, p);
                return false;
            }

            if (list.Count > 0 && start < list[^1].EndMinute)
            {
                (problem, part) = (start < list[^1].StartMinute ? HoursProblem.Unsorted : HoursProblem.Overlap, p);
                return false;
            }

            list.Add(new WorkInterval(start, end));
        }

        intervals = list;
        return true;
    }

    /// <summary>Parses text already validated; throws on bad input.</summary>
    public static IReadOnlyList<WorkInterval> Parse(string? text) =>
        TryParse(text, out var intervals, out var problem, out var part) ? intervals : throw new FormatException($"{problem}: {part}");

    public static string Format(IEnumerable<WorkInterval> intervals) =>
        string.Join(", ", intervals.Select(i => $"{Time(i.StartMinute)}-{Time(i.EndMinute)}"));

    public static string Time(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    private static int? Minute(string hours, string minutes, bool isEnd)
    {
        var h = int.Parse(hours, CultureInfo.InvariantCulture);
        var m = int.Parse(minutes, CultureInfo.InvariantCulture);
        if (m > 59 || h > 24 || (h == 24 && (!isEnd || m != 0)))
        {
            return null;
        }

        return (h * 60) + m;
    }
}
