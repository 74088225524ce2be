using System.Text;
using Microsoft.Extensions.Localization;
using Norma.Modules.Calendars.Features.Definitions;
using Norma.Rules.Calendars;

namespace Norma.Modules.Calendars.Features.Import;

/// <summary>What a holiday file holds: its format, the years it covers (whose special days it replaces), the days and the problems.</summary>
public sealed record ParsedHolidayFile(string Format, IReadOnlyList<int> Years, IReadOnlyList<SpecialDayDto> Days, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// The bridge to the engine's file formats (<see cref="HolidayFiles"/>): holiday-cn per-date JSON and norma-calendar.
/// The engine reports problems as "location: what" (in English, since it has no resources); the module adds its own
/// checks of names, which the engine does not limit.
/// </summary>
internal static class HolidayFileAdapter
{
    public static ParsedHolidayFile Read(byte[] content, IStringLocalizer text)
    {
        using var stream = new MemoryStream(content);
        var result = HolidayFiles.Parse(stream);
        var problems = result.Problems.Select(Split).ToList();
        foreach (var day in result.Days.Where(d => string.IsNullOrWhiteSpace(d.Name) || d.Name.Trim().Length > DefinitionRules.MaxDayName))
        {
            var date = day.Date.ToString("yyyy-MM-dd");
            problems.Add(new ImportProblem(date, text["Calendars.Validation.DayName", date, DefinitionRules.MaxDayName]));
        }

        var days = result.Days.Select(d => new SpecialDayDto(d.Date, d.Kind, d.Name.Trim())).ToList();
        return new ParsedHolidayFile(result.Format.ToString(), result.Years, days, problems);
    }

    /// <summary>A version as a norma-calendar file (UTF-8 JSON), which <see cref="Read"/> takes back.</summary>
    public static byte[] Export(string name, StoredDefinition definition) =>
        Encoding.UTF8.GetBytes(HolidayFiles.Export(definition.ToEngine(), name));

    /// <summary>"days[3].date: '2027-02-30' is not a date" → location "days[3].date", message "'2027-02-30' is not a date".</summary>
    private static ImportProblem Split(string problem)
    {
        var at = problem.IndexOf(": ", StringComparison.Ordinal);
        return at > 0 ? new ImportProblem(problem[..at], problem[(at + 2)..]) : new ImportProblem("", problem);
    }
}
