using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;
using Norma.Modules.Calendars.Domain;
using Norma.Rules.Calendars;
using Norma.Shared;

namespace Norma.Modules.Calendars.Features.Definitions;

/// <summary>Working hours per weekday as text, e.g. "08:30-12:00, 14:30-18:00"; blank = a rest day.</summary>
public sealed record WeekHoursDto(string? Monday, string? Tuesday, string? Wednesday, string? Thursday, string? Friday, string? Saturday, string? Sunday)
{
    public static readonly DayOfWeek[] MondayFirst =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string? For(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => Sunday,
    };

    /// <summary>From a function of the weekday (any order of evaluation).</summary>
    public static WeekHoursDto From(Func<DayOfWeek, string?> hours) => new(
        hours(DayOfWeek.Monday), hours(DayOfWeek.Tuesday), hours(DayOfWeek.Wednesday), hours(DayOfWeek.Thursday),
        hours(DayOfWeek.Friday), hours(DayOfWeek.Saturday), hours(DayOfWeek.Sunday));
}

/// <summary>A public holiday (Holiday) or an adjusted working day (Workday, 调休) on a local date.</summary>
public sealed record SpecialDayDto(DateOnly Date, DayKind Kind, string? Name);

/// <summary>What a calendar version says; the API's and the UI's form of <see cref="CalendarDefinition"/>.</summary>
public sealed record DefinitionDto(bool AlwaysOpen, WeekHoursDto? Week, string? AdjustedWorkdayHours, IReadOnlyList<SpecialDayDto>? SpecialDays);

/// <summary>How a version is stored (cal_versions.DefinitionJson): the definition with its zone, in readable JSON.</summary>
public sealed record StoredDefinition(string TimeZone, int UtcOffsetMinutes, bool AlwaysOpen, WeekHoursDto Week, string AdjustedWorkdayHours, IReadOnlyList<SpecialDayDto> SpecialDays)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public DefinitionDto Definition => new(AlwaysOpen, Week, AdjustedWorkdayHours, SpecialDays);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StoredDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<StoredDefinition>(json, Json) ?? throw new InvalidOperationException("Empty calendar definition.");

    /// <summary>The engine's model of this version.</summary>
    public CalendarDefinition ToEngine()
    {
        var week = Enumerable.Range(0, 7).Select(d => HoursText.Parse(Week.For((DayOfWeek)d))).ToList();
        return new CalendarDefinition(AlwaysOpen, week, HoursText.Parse(AdjustedWorkdayHours),
            SpecialDays.Select(d => new SpecialDay(d.Date, d.Kind, d.Name ?? "")).ToList(), TimeSpan.FromMinutes(UtcOffsetMinutes));
    }

    /// <summary>A definition already validated, in canonical form: hours re-written, names trimmed, days in date order.</summary>
    public static StoredDefinition Create(string timeZone, TimeSpan offset, DefinitionDto d) => new(
        timeZone,
        (int)offset.TotalMinutes,
        d.AlwaysOpen,
        WeekHoursDto.From(day => HoursText.Format(HoursText.Parse(d.Week?.For(day)))),
        HoursText.Format(HoursText.Parse(d.AdjustedWorkdayHours)),
        (d.SpecialDays ?? []).Select(s => s with { Name = s.Name?.Trim() ?? "" }).OrderBy(s => s.Date).ToList());

    /// <summary>From the engine's model (shipped data, imported files).</summary>
    public static DefinitionDto ToDto(CalendarDefinition d) => new(
        d.AlwaysOpen,
        WeekHoursDto.From(day => HoursText.Format(d.Week[(int)day])),
        HoursText.Format(d.AdjustedWorkdayHours),
        d.SpecialDays.OrderBy(s => s.Date).Select(s => new SpecialDayDto(s.Date, s.Kind, s.Name)).ToList());
}

/// <summary>Checks a definition and reports field errors under "Definition.…", localized.</summary>
public static class DefinitionRules
{
    public const int MaxSpecialDays = 5000;
    public const int MaxDayName = 50;

    public static void Validate(Validation v, IStringLocalizer text, DefinitionDto? d)
    {
        if (d is null)
        {
            v.Add("Definition", text["Calendars.Validation.DefinitionRequired"]);
            return;
        }

        var anyHours = false;
        foreach (var day in WeekHoursDto.MondayFirst)
        {
            anyHours |= CheckHours(v, text, $"Definition.Week.{day}", d.Week?.For(day));
        }

        var adjusted = CheckHours(v, text, "Definition.AdjustedWorkdayHours", d.AdjustedWorkdayHours);
        if (!d.AlwaysOpen)
        {
            v.Check(anyHours, "Definition.Week", text["Calendars.Validation.NoHours"]);
            v.Check(adjusted, "Definition.AdjustedWorkdayHours", text["Calendars.Validation.AdjustedHoursRequired"]);
        }

        var days = d.SpecialDays ?? [];
        if (days.Count > MaxSpecialDays)
        {
            v.Add("Definition.SpecialDays", text["Calendars.Validation.TooManyDays", MaxSpecialDays]);
            return;
        }

        var seen = new HashSet<DateOnly>();
        foreach (var s in days)
        {
            if (s is null)
            {
                v.Add("Definition.SpecialDays", text["Calendars.Validation.DayKind", "—"]);
                continue;
            }

            var date = s.Date.ToString("yyyy-MM-dd");
            v.Check(seen.Add(s.Date), "Definition.SpecialDays", text["Calendars.Validation.DuplicateDay", date]);
            v.Check(s.Date.Year is >= 1900 and <= 2199, "Definition.SpecialDays", text["Calendars.Validation.DayYear", date]);
            v.Check(Enum.IsDefined(s.Kind), "Definition.SpecialDays", text["Calendars.Validation.DayKind", date]);
            v.Check(!string.IsNullOrWhiteSpace(s.Name) && s.Name.Trim().Length <= MaxDayName, "Definition.SpecialDays", text["Calendars.Validation.DayName", date, MaxDayName]);
        }
    }

    /// <summary>Adds the problem of one day's hours, if any; returns whether the text has working time.</summary>
    public static bool CheckHours(Validation v, IStringLocalizer text, string field, string? hours)
    {
        if (HoursText.TryParse(hours, out var intervals, out var problem, out var part))
        {
            return intervals.Count > 0;
        }

        v.Add(field, text[$"Calendars.Hours.{problem}", part ?? ""]);
        return false;
    }

    /// <summary>The zone's IANA id and fixed offset, or a field error on "TimeZone".</summary>
    public static (string Id, TimeSpan Offset) Zone(Validation v, IStringLocalizer text, string? timeZone, int year)
    {
        if (CalendarZone.TryResolve(timeZone ?? CalendarZone.Default, year, out var id, out var offset, out var problem))
        {
            return (id, offset);
        }

        v.Add("TimeZone", text[problem == ZoneProblem.VaryingOffset ? "Calendars.Zone.Varying" : "Calendars.Zone.Unknown", timeZone ?? ""]);
        return ("", TimeSpan.Zero);
    }

    /// <summary>
    /// Replaces the special days of the given years with <paramref name="days"/> (a holiday notice, an imported file).
    /// A new day outside those years (元旦 starting on 12-31) replaces whatever that date had.
    /// </summary>
    public static DefinitionDto ReplaceYears(DefinitionDto d, IReadOnlyCollection<int> years, IReadOnlyCollection<SpecialDayDto> days)
    {
        var dates = days.Select(x => x.Date).ToHashSet();
        return d with
        {
            SpecialDays = (d.SpecialDays ?? []).Where(s => !years.Contains(s.Date.Year) && !dates.Contains(s.Date)).Concat(days).OrderBy(s => s.Date).ToList(),
        };
    }
}
