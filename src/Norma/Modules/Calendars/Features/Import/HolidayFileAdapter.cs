using Microsoft.Extensions.Localization;
using Norma.Modules.Calendars.Features.Definitions;

namespace Norma.Modules.Calendars.Features.Import;

/// <summary>What a holiday file holds: its format, the years it covers (whose special days it replaces), the days and the problems.</summary>
public sealed record ParsedHolidayFile(string Format, IReadOnlyList<int> Years, IReadOnlyList<SpecialDayDto> Days, IReadOnlyList<ImportProblem> Problems);

/// <summary>The bridge to the engine's file formats (Norma.Rules.Calendars.HolidayFiles).</summary>
internal static class HolidayFileAdapter
{
    public static ParsedHolidayFile Read(byte[] content, IStringLocalizer text) => throw new NotImplementedException();

    public static byte[] Export(string code, string name, int number, DateOnly effectiveFrom, StoredDefinition definition) => throw new NotImplementedException();
}
