using Norma.Rules.Calendars;

namespace Norma.Modules.Calendars.Domain;

/// <summary>Consecutive special days of one kind and name, as a notice lists them: 春节 2027-02-06 – 2027-02-13.</summary>
public sealed record DayRange(DayKind Kind, string Name, DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>Groups days (any order) into ranges in date order; a gap, another kind or another name starts a new range.</summary>
    public static IReadOnlyList<DayRange> Group(IEnumerable<(DateOnly Date, DayKind Kind, string Name)> days)
    {
        var ranges = new List<DayRange>();
        foreach (var d in days.OrderBy(d => d.Date))
        {
            if (ranges.Count > 0 && ranges[^1] is var last && last.Kind == d.Kind && last.Name == d.Name && last.To.AddDays(1) == d.Date)
            {
                ranges[^1] = last with { To = d.Date };
            }
            else
            {
                ranges.Add(new DayRange(d.Kind, d.Name, d.Date, d.Date));
            }
        }

        return ranges;
    }
}
