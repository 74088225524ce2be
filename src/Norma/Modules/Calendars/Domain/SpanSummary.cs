using Norma.Rules.Calendars;

namespace Norma.Modules.Calendars.Domain;

/// <summary>What lies between two local dates: holidays by name (days) and adjusted working days (调休).</summary>
public sealed record SpanSummary(IReadOnlyList<(string Name, int Days)> Holidays, int AdjustedWorkdays)
{
    public bool IsEmpty => Holidays.Count == 0 && AdjustedWorkdays == 0;

    /// <summary>Special days from <paramref name="from"/> to <paramref name="to"/>, both included, holidays grouped by name in date order.</summary>
    public static SpanSummary Between(CalendarDefinition definition, DateOnly from, DateOnly to)
    {
        var holidays = new List<(string Name, int Days)>();
        var workdays = 0;
        foreach (var day in definition.SpecialDays.Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date))
        {
            if (day.Kind == DayKind.Workday)
            {
                workdays++;
                continue;
            }

            var i = holidays.FindIndex(h => h.Name == day.Name);
            if (i < 0)
            {
                holidays.Add((day.Name, 1));
            }
            else
            {
                holidays[i] = (day.Name, holidays[i].Days + 1);
            }
        }

        return new SpanSummary(holidays, workdays);
    }
}
